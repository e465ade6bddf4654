// The session's minutes as a PDF (GET …/sessions/:id/minutes.pdf, closed sessions only): date,
// entry period, members present as typed, the grid's version and criteria, the decisions per
// structure, the waiting lists and the other decisions. The public version (`?public=1`) names
// no one: request numbers and the child's initials only, no reason.
import { frenchLongDateTime, frenchLongDay } from '../../src/lib/domain/french-date';
import { AGE_GROUP_LABELS, type AgeGroup } from '../../src/lib/domain/structures';
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { TextPdf } from '../pdf/text-pdf';
import { sessionFilesBody } from './prepare';

export const NOT_CLOSED_YET = 'Le procès-verbal est disponible une fois la commission close.';

type Body = ReturnType<typeof sessionFilesBody>;
type Item = Body['items'][number];

const initials = (text: string) =>
	text
		.split(/[\s-]+/)
		.filter(Boolean)
		.map((w) => `${w[0]!.toUpperCase()}.`)
		.join('');

function who(item: Item | undefined, number: number, anonymous: boolean): string {
	if (!item) return `Demande n° ${number}`;
	if (anonymous)
		return `Demande n° ${number} — ${initials(item.child.firstNames)} ${initials(item.child.lastName)}`.trim();
	const child = `${item.child.firstNames} ${item.child.lastName.toUpperCase()}`.trim();
	const family = item.family.lastName.toUpperCase();
	return `Demande n° ${number} — ${child || 'enfant'} (famille ${family})`;
}

const choiceLabel = (rank: number | null) =>
	rank === null ? 'hors de ses choix' : rank === 1 ? '1er choix' : `${rank}e choix`;

export async function minutesPdf(
	db: Db,
	sessionId: string,
	anonymous: boolean,
	now: number
): Promise<Uint8Array> {
	const body = sessionFilesBody(db, sessionId, now);
	if (!body.closed) throw new ApiError(409, 'not_closed', NOT_CLOSED_YET);
	const { session } = body;
	const items = new Map(body.items.map((i) => [i.requestId, i]));
	const title = `Commission d’attribution des places du ${frenchLongDay(session.date)}`;
	const pdf = await TextPdf.create({ title, author: 'Service Petite enfance' });
	pdf.heading(anonymous ? 'Procès-verbal — version publique' : 'Procès-verbal', 1);
	pdf.text(title, { size: 12, bold: true });
	pdf.text(
		`Période d’entrée examinée : du ${frenchLongDay(session.periodStart)} au ${frenchLongDay(session.periodEnd)}.`
	);
	pdf.text(`Membres présents : ${session.members ?? ''}`);
	if (session.closedAt)
		pdf.text(`Close le ${frenchLongDateTime(session.closedAt)}.`, { muted: true });
	if (anonymous)
		pdf.text(
			'Version anonymisée : les demandes sont désignées par leur numéro et les initiales de l’enfant.',
			{ muted: true }
		);

	pdf.heading(`Critères appliqués (grille version ${body.gridVersion ?? '?'})`);
	for (const c of body.criteria)
		pdf.text(
			`${c.label} : ${c.points} point${c.points > 1 ? 's' : ''}${c.maxPoints ? ` (au plus ${c.maxPoints})` : ''}`,
			{ indent: 12 }
		);
	pdf.text('À score égal, la demande la plus ancienne passe d’abord, puis le plus petit numéro.', {
		muted: true
	});

	const offers = body.decisions.filter((d) => d.outcome === 'offer');
	pdf.heading(`Places attribuées (${offers.length})`);
	if (offers.length === 0) pdf.text('Aucune place attribuée.', { indent: 12 });
	const byStructure = new Map<string, typeof offers>();
	for (const d of offers) {
		const key = d.structureName ?? d.structureId ?? '';
		byStructure.set(key, [...(byStructure.get(key) ?? []), d]);
	}
	for (const [name, list] of byStructure) {
		pdf.heading(name, 3);
		for (const d of list) {
			const item = items.get(d.requestId);
			pdf.text(
				`${who(item, d.number, anonymous)} — ${AGE_GROUP_LABELS[d.ageGroup as AgeGroup]} — score ${item?.score ?? ''} — ${choiceLabel(d.choiceRank)}${d.manual ? ' — ajustement manuel' : ''}${d.manual && !anonymous && d.reason ? ` : ${d.reason}` : ''}`,
				{ indent: 12 }
			);
		}
	}

	pdf.heading('Listes d’attente');
	if (body.waitlist.length === 0) pdf.text('Aucune demande en liste d’attente.', { indent: 12 });
	const lists = new Map<string, Body['waitlist']>();
	for (const w of body.waitlist) {
		const key = `${w.structureName ?? w.structureId} — ${AGE_GROUP_LABELS[w.ageGroup as AgeGroup]}`;
		lists.set(key, [...(lists.get(key) ?? []), w]);
	}
	for (const [name, list] of lists) {
		pdf.heading(name, 3);
		for (const w of [...list].sort((a, b) => a.rank - b.rank)) {
			const item = items.get(w.requestId);
			pdf.text(
				`Rang ${w.rank} : ${who(item, item?.number ?? w.number ?? 0, anonymous)} — score ${item?.score ?? ''}`,
				{
					indent: 12
				}
			);
		}
	}

	const others = body.decisions.filter((d) => d.outcome === 'refuse' || d.outcome === 'hold');
	if (others.length) {
		pdf.heading('Autres décisions');
		for (const d of others)
			pdf.text(
				`${who(items.get(d.requestId), d.number, anonymous)} — ${d.outcome === 'refuse' ? 'refusée' : 'examen reporté'}${!anonymous && d.reason ? ` : ${d.reason}` : ''}`,
				{ indent: 12 }
			);
	}
	return pdf.save();
}
