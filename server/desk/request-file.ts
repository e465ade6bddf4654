// What the desk reads about one numbered request: its row, the family's reference parent, the
// members the household declared, and the supporting documents the request refers to (its own,
// its members', its replies'). Shared by the detail, the document download and the actions.
import { cachedStatement } from '../db/statement-cache';
import { memberName, memberRows, type SummaryRow } from '../../src/lib/domain/entourage-summary';
import type { MemberDecision } from '../../src/lib/domain/service-documents';
import type { RequestStatus } from '../../src/lib/domain/request-status';
import { readStoredDoc, readHouseholdDocs } from '../../sync/server/household-read';
import type { Db } from '../db';
import { ApiError } from '../http/errors';

export interface RequestRow {
	id: string;
	number: number;
	household_id: string;
	doc_id: string;
	type: 'preinscription' | 'entourage';
	status: RequestStatus;
	submitted_at: string;
	updated_at: string;
	version: number;
}

/** The request numbered `param` (a path segment), or a 404 in French. */
export function findRequest(db: Db, param: string | undefined): RequestRow {
	const number = /^[1-9][0-9]{0,9}$/.test(param ?? '') ? Number(param) : NaN;
	const row = Number.isFinite(number)
		? (db
				.prepare(
					'SELECT id, number, household_id, doc_id, type, status, submitted_at, updated_at, version FROM requests WHERE number = ?'
				)
				.get(number) as RequestRow | undefined)
		: undefined;
	if (!row) throw new ApiError(404, 'not_found', 'Cette demande n’existe pas.');
	return row;
}

export interface ReferentRow {
	id: string;
	email: string;
	civility: string | null;
	last_name: string;
	first_names: string;
	phone: string | null;
	mobile: string | null;
	address_number: string | null;
	address_street: string | null;
	address_building: string | null;
	address_apartment: string | null;
	address_complement: string | null;
	address_postal_code: string | null;
	address_city: string | null;
}

/** The household's reference parent: its (first) parent account. */
export function referentOf(db: Db, householdId: string): ReferentRow | undefined {
	return cachedStatement(
		db,
		`SELECT id, email, civility, last_name, first_names, phone, mobile, address_number,
		 address_street, address_building, address_apartment, address_complement,
		 address_postal_code, address_city
		 FROM users WHERE household_id = ? AND role = 'parent' ORDER BY created_at, id LIMIT 1`
	).get(householdId) as ReferentRow | undefined;
}

/** A member as an entourage declaration holds it. */
export interface DeclaredMember {
	id: string;
	role: string;
	civility?: string;
	lastName: string;
	firstNames: string;
	birthDate?: string;
	toBeBorn?: boolean;
	expectedBirthDate?: string;
	email?: string;
	phone?: string;
	relationship?: string;
	pieceIds?: string[];
	/** The declaration it comes from. */
	declarationId: string;
}

/** Members of the household's submitted declarations, newest declaration first, once each. */
export function declaredMembers(db: Db, householdId: string): DeclaredMember[] {
	return membersOfDeclarations(readHouseholdDocs(db, householdId, 'entourage:'));
}

/** The members of these `entourage:` documents (a household's), as declaredMembers tells them. */
export function membersOfDeclarations(
	docs: { id: string; body: Record<string, unknown> }[]
): DeclaredMember[] {
	const declarations = docs
		.filter((d) => d.body.state === 'submitted' && Array.isArray(d.body.members))
		.sort((a, b) =>
			String(b.body.submittedAt ?? '').localeCompare(String(a.body.submittedAt ?? ''))
		);
	const seen = new Map<string, DeclaredMember>();
	for (const d of declarations)
		for (const m of d.body.members as Omit<DeclaredMember, 'declarationId'>[])
			if (m && typeof m.id === 'string' && !seen.has(m.id))
				seen.set(m.id, { ...m, declarationId: d.id });
	return [...seen.values()];
}

/**
 * A declared member as the desk shows it — the ONE shape of both the request detail
 * (`family.members`) and the members API's answer, so a decision and a reload read the same.
 */
export interface DeskMember {
	id: string;
	role: string;
	civility: string | null;
	lastName: string;
	firstNames: string;
	/** The birth date, or the expected one when `toBeBorn`. */
	birthDate: string | null;
	toBeBorn: boolean;
	/** What the family declared about the member, as label/value rows. */
	rows: SummaryRow[];
	decision: MemberDecision;
	/** The service's reason for a refusal, else null. */
	reason: string | null;
	/** « Prénom Nom » of the agent who decided, and when (ISO), else null. */
	decidedBy: string | null;
	decidedAt: string | null;
}

interface DecisionRow {
	member_id: string;
	decision: MemberDecision;
	reason: string | null;
	decided_at: string;
	first_names: string | null;
	last_name: string | null;
}

/** The latest decision on each member of the household (member_decisions). */
function memberDecisions(db: Db, householdId: string): Map<string, DecisionRow> {
	const rows = db
		.prepare(
			`SELECT d.member_id, d.decision, d.reason, d.decided_at, u.first_names, u.last_name
			 FROM member_decisions d JOIN requests r ON r.id = d.request_id
			 LEFT JOIN users u ON u.id = d.decided_by
			 WHERE r.household_id = ? ORDER BY d.decided_at, d.rowid`
		)
		.all(householdId) as DecisionRow[];
	return new Map(rows.map((r) => [r.member_id, r]));
}

/** The household's declared members (declaredMembers) with the service's decision on each. */
export function deskMembers(
	db: Db,
	householdId: string,
	members: readonly DeclaredMember[] = declaredMembers(db, householdId)
): DeskMember[] {
	const decisions = memberDecisions(db, householdId);
	const pieceLabel = (id: string) => {
		const label = readStoredDoc(db, householdId, id)?.body.label;
		return typeof label === 'string' && label.trim() ? label.trim() : undefined;
	};
	return members.map((m) => {
		const d = decisions.get(m.id);
		const by = d ? `${d.first_names ?? ''} ${d.last_name ?? ''}`.trim() : '';
		return {
			id: m.id,
			role: m.role,
			civility: m.civility ?? null,
			lastName: m.lastName,
			firstNames: m.firstNames,
			birthDate: (m.toBeBorn ? m.expectedBirthDate : m.birthDate) ?? null,
			toBeBorn: !!m.toBeBorn,
			rows: memberRows(m, { pieceLabel }),
			decision: d?.decision ?? 'pending',
			reason: d?.decision === 'refused' ? (d.reason ?? null) : null,
			decidedBy: by || null,
			decidedAt: d?.decided_at ?? null
		};
	});
}

/** The request's own document (preinscription or entourage), or null if it is gone. */
export function requestDoc(db: Db, req: RequestRow): Record<string, unknown> | null {
	return readStoredDoc(db, req.household_id, req.doc_id)?.body ?? null;
}

const ids = (x: unknown): string[] =>
	Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];

/**
 * The piece ids the request refers to, in order: its own `pieceIds`, its members' (a declaration),
 * then those of the family's submitted replies to it. Only these can be viewed through it.
 */
export function referencedPieceIds(
	db: Db,
	req: RequestRow,
	doc: Record<string, unknown> | null = requestDoc(db, req)
): string[] {
	const out = new Set<string>(ids(doc?.pieceIds));
	if (Array.isArray(doc?.members))
		for (const m of doc.members as { pieceIds?: unknown }[])
			ids(m?.pieceIds).forEach((p) => out.add(p));
	const replies = readHouseholdDocs(db, req.household_id, 'reply:')
		.filter((r) => r.body.requestId === req.doc_id && r.body.state === 'submitted')
		.sort((a, b) =>
			String(a.body.submittedAt ?? '').localeCompare(String(b.body.submittedAt ?? ''))
		);
	for (const r of replies) ids(r.body.pieceIds).forEach((p) => out.add(p));
	return [...out].filter((id) => id.startsWith('piece:'));
}

/** « Léa MARTIN » for a person id: the reference parent or a declared member. */
export function personName(
	id: unknown,
	referent: ReferentRow | undefined,
	members: readonly DeclaredMember[]
): string | null {
	if (typeof id !== 'string') return null;
	if (referent && referent.id === id)
		return memberName({ firstNames: referent.first_names, lastName: referent.last_name });
	const m = members.find((x) => x.id === id);
	return m ? memberName(m) : null;
}
