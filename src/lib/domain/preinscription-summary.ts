// The review of a pre-registration (« Je vérifie que les données renseignées sont correctes »):
// label/value rows in French, shared by the wizard's review step and the request's detail page.
// Pure: names of the child, structures and pieces come from the caller.
import { frenchDate } from './french-date';
import type { SummaryRow } from './entourage-summary';

export interface PreinscriptionSummaryContext {
	child?: (id: string) => string;
	structure?: (id: string) => string;
	piece?: (id: string) => string;
}

/** The questionnaire's two questions, as the wizard and the confirmation before a session ask them. */
export const RESIDENT_QUESTION =
	'La famille est-elle domiciliée ou contribuable sur une commune de Vienne Condrieu Agglomération ?';
export const SITUATION_QUESTION = 'Quelle est la situation professionnelle des parents ?';

/** The answers to SITUATION_QUESTION, by PROFESSIONAL_SITUATIONS value. */
export const SITUATION_LABELS: Record<string, string> = {
	parent1Works: 'Parent 1 travaille ou suit une formation',
	parent2Works: 'Parent 2 travaille ou suit une formation',
	parent1JobSeeking: 'Parent 1 en recherche d’emploi',
	parent2JobSeeking: 'Parent 2 en recherche d’emploi',
	noneWorks: 'Aucun ne travaille ou suit une formation'
};

export function summaryRows(
	doc: Record<string, unknown>,
	ctx: PreinscriptionSummaryContext = {}
): SummaryRow[] {
	const rows: SummaryRow[] = [];
	const childId = typeof doc.childId === 'string' ? doc.childId : '';
	rows.push({ label: 'Enfant', value: (childId && ctx.child?.(childId)) || 'Non choisi' });
	rows.push({
		label: 'Date d’entrée souhaitée',
		value:
			typeof doc.wishedStartDate === 'string' ? frenchDate(doc.wishedStartDate) : 'Non renseignée'
	});
	const choices = Array.isArray(doc.choices) ? (doc.choices as string[]) : [];
	choices.forEach((id, i) =>
		rows.push({ label: `Choix ${i + 1}`, value: ctx.structure?.(id) ?? id })
	);
	if (typeof doc.observations === 'string' && doc.observations.trim())
		rows.push({ label: 'Observations', value: doc.observations.trim() });
	const pieces = Array.isArray(doc.pieceIds) ? (doc.pieceIds as string[]) : [];
	rows.push({
		label: 'Pièces justificatives',
		value:
			pieces.length > 0
				? pieces.map((id) => ctx.piece?.(id) ?? 'Pièce jointe').join(', ')
				: 'Aucune'
	});
	rows.push(...questionnaireRows(doc));
	return rows;
}

/** The questionnaire's answers (step 3), as label/value rows. */
export function questionnaireRows(doc: Record<string, unknown>): SummaryRow[] {
	const q = (doc.questionnaire ?? {}) as {
		residentInArea?: boolean;
		professionalSituation?: string[];
	};
	return [
		{
			label: 'Famille domiciliée ou contribuable dans l’agglomération',
			value:
				q.residentInArea === true ? 'Oui' : q.residentInArea === false ? 'Non' : 'Non renseigné'
		},
		{
			label: 'Situation professionnelle des parents',
			value:
				(q.professionalSituation ?? []).map((s) => SITUATION_LABELS[s] ?? s).join(', ') ||
				'Non renseignée'
		}
	];
}
