// GET /api/agent/requests/{number}: one request as the agent instructs it — the family, the
// child, the choices, the answers, the supporting documents (each with its URL) and the dated
// history. Each view is written to the audit log ('request.view').
import { Hono } from 'hono';
import {
	summaryRows as entourageRows,
	type SummaryRow
} from '../../src/lib/domain/entourage-summary';
import { PIECE_KIND_LABELS, type PieceKind } from '../../src/lib/domain/documents';
import { questionnaireRows } from '../../src/lib/domain/preinscription-summary';
import {
	allowedActions,
	REQUEST_TYPE_LABELS,
	TRANSITIONS
} from '../../src/lib/domain/request-status';
import { readStoredDoc } from '../../sync/server/household-read';
import type { Db } from '../db';
import type { AppEnv } from '../http/env';
import { audit } from '../audit/audit';
import {
	declaredMembers,
	deskMembers,
	findRequest,
	personName,
	referencedPieceIds,
	referentOf,
	requestDoc,
	type DeclaredMember,
	type ReferentRow,
	type RequestRow
} from './request-file';

const str = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x.trim() : null);

function referentView(r: ReferentRow | undefined) {
	if (!r) return null;
	return {
		civility: r.civility,
		lastName: r.last_name,
		firstNames: r.first_names,
		email: r.email,
		phone: r.phone,
		mobile: r.mobile,
		address: {
			number: r.address_number,
			street: r.address_street,
			building: r.address_building,
			apartment: r.address_apartment,
			complement: r.address_complement,
			postalCode: r.address_postal_code,
			city: r.address_city
		}
	};
}

function childView(m: DeclaredMember | undefined) {
	if (!m) return null;
	return {
		firstNames: m.firstNames,
		lastName: m.lastName,
		birthDate: m.toBeBorn ? null : (m.birthDate ?? null),
		expectedDate: m.toBeBorn ? (m.expectedBirthDate ?? null) : null
	};
}

export function documentUrl(number: number, pieceId: string, attachment: string): string {
	return `/api/agent/requests/${number}/documents/${encodeURIComponent(pieceId)}/${encodeURIComponent(attachment)}`;
}

function documentsOf(
	db: Db,
	req: RequestRow,
	doc: Record<string, unknown> | null,
	referent: ReferentRow | undefined,
	members: DeclaredMember[]
) {
	return referencedPieceIds(db, req, doc).flatMap((pieceId) => {
		const piece = readStoredDoc(db, req.household_id, pieceId);
		if (!piece) return [];
		const kind = str(piece.body.kind);
		return Object.entries(piece.attachments)
			.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
			.map(([attachment, meta]) => ({
				pieceId,
				attachment,
				label: str(piece.body.label) ?? 'Pièce jointe',
				kind,
				kindLabel: kind && kind in PIECE_KIND_LABELS ? PIECE_KIND_LABELS[kind as PieceKind] : null,
				person: personName(piece.body.personId, referent, members),
				contentType: meta.content_type,
				length: meta.length,
				url: documentUrl(req.number, pieceId, attachment)
			}));
	});
}

function history(db: Db, requestId: string) {
	const rows = db
		.prepare(
			`SELECT at, status, action, actor_name, comment, message, reason FROM request_events
			 WHERE request_id = ? ORDER BY id`
		)
		.all(requestId) as {
		at: number;
		status: string;
		action: string;
		actor_name: string;
		comment: string | null;
		message: string | null;
		reason: string | null;
	}[];
	return rows.map((e) => ({
		at: new Date(e.at).toISOString(),
		status: e.status,
		action: e.action,
		by: e.actor_name,
		comment: e.comment,
		message: e.message,
		reason: e.reason
	}));
}

/** The detail of a request, as the contract (briefs/contracts9.md) describes it. */
export function requestDetail(db: Db, req: RequestRow) {
	const doc = requestDoc(db, req);
	const referent = referentOf(db, req.household_id);
	const members = declaredMembers(db, req.household_id);
	const structures = new Map(
		(
			db.prepare('SELECT id, name, commune FROM structures').all() as {
				id: string;
				name: string;
				commune: string | null;
			}[]
		).map((s) => [s.id, s])
	);
	const coParent = members.find((m) => m.role === 'coRepresentative');
	const pieceLabel = (id: string) => {
		const p = readStoredDoc(db, req.household_id, id);
		return str(p?.body.label) ?? undefined;
	};
	const isPreinscription = req.type === 'preinscription';
	const child = isPreinscription ? members.find((m) => m.id === doc?.childId) : undefined;
	const ownMembers = Array.isArray(doc?.members) ? (doc.members as DeclaredMember[]) : [];
	const choices = isPreinscription && Array.isArray(doc?.choices) ? (doc.choices as string[]) : [];
	const questionnaire: SummaryRow[] = !doc
		? []
		: isPreinscription
			? questionnaireRows(doc)
			: entourageRows({ members: ownMembers }, { pieceLabel });
	return {
		number: req.number,
		type: req.type,
		typeLabel: REQUEST_TYPE_LABELS[req.type] ?? req.type,
		status: req.status,
		version: req.version,
		submittedAt: req.submitted_at,
		updatedAt: req.updated_at,
		householdId: req.household_id,
		allowedActions: allowedActions(req.status).map((action) => ({
			action,
			label: TRANSITIONS[action].label
		})),
		family: {
			referent: referentView(referent),
			coParent: coParent
				? {
						civility: coParent.civility ?? null,
						lastName: coParent.lastName,
						firstNames: coParent.firstNames,
						birthDate: coParent.birthDate ?? null,
						email: coParent.email ?? null,
						phone: coParent.phone ?? null
					}
				: null,
			members: deskMembers(db, req.household_id, members)
		},
		people: (isPreinscription ? (child ? [child] : []) : ownMembers).map((p) => ({
			firstNames: p.firstNames,
			lastName: p.lastName
		})),
		child: childView(child),
		wishedDate: isPreinscription ? str(doc?.wishedStartDate) : null,
		choices: choices.map((structureId, i) => ({
			rank: i + 1,
			structureId,
			name: structures.get(structureId)?.name ?? structureId,
			commune: structures.get(structureId)?.commune ?? null
		})),
		observations: str(doc?.observations),
		questionnaire,
		documents: documentsOf(db, req, doc, referent, members),
		history: history(db, req.id)
	};
}

export const detailRoutes = new Hono<AppEnv>().get('/requests/:number{[0-9]+}', (c) => {
	const { db, clock } = c.var.deps;
	const req = findRequest(db, c.req.param('number'));
	const detail = requestDetail(db, req);
	audit(
		db,
		{
			actorId: c.var.user!.id,
			action: 'request.view',
			householdId: req.household_id,
			detail: { number: req.number }
		},
		clock.now()
	);
	return c.json(detail, 200);
});
