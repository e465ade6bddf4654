// The files a session examines (contracts10 « Eligibility »): complete or waiting preinscriptions
// whose wished entry date is in the session's period, or already past on the session's day (the
// family still waits: examinedBySession), each with what its score is computed from (FileFacts) and
// what the session's screen shows of it.
import { examinedBySession } from '../../src/lib/domain/commission';
import { ageGroupAt, type FileFacts } from '../../src/lib/domain/commission-score';
import { COMMISSION_ELIGIBLE_STATUSES, REQUEST_STATUS } from '../../src/lib/domain/request-status';
import type { AgeGroup } from '../../src/lib/domain/structures';
import { parseDocId } from '../../src/lib/domain/documents';
import type { Db } from '../db';
import { householdDbName } from '../../sync/server/access';
import { cachedStatement } from '../db/statement-cache';
import { membersOfDeclarations, type DeclaredMember, type RequestRow } from '../desk/request-file';
import { checksOf } from './checks';
import { confirmationsOf, type ConfirmationRecord } from './confirmations';
import type { CommissionSessionRecord } from './sessions';

export interface SessionFile {
	request: RequestRow;
	docUuid: string;
	family: { lastName: string; firstNames: string };
	child: { id: string | null; firstNames: string; lastName: string; birthDate: string | null };
	wishedDate: string;
	/** max(wished date, the period's start). */
	startDate: string;
	ageGroup: AgeGroup;
	confirmed: boolean;
	flagged: boolean;
	facts: FileFacts;
}

const REQUEST_COLUMNS =
	'r.id, r.number, r.household_id, r.doc_id, r.type, r.status, r.submitted_at, r.updated_at, r.version';

/** A request with its submitted document (read once). */
export interface RequestWithDoc extends RequestRow {
	doc: Record<string, unknown> | null;
}

/** The eligible requests of a planned session, oldest number first. */
export function eligibleRequests(db: Db, session: CommissionSessionRecord): RequestWithDoc[] {
	const statuses = COMMISSION_ELIGIBLE_STATUSES;
	// The list index holds type, status and wished date: only the candidates' documents are read,
	// in the same query (the winning revision's body), with examinedBySession's rule in SQL. A row
	// not indexed yet (wished_date NULL) is checked on its document.
	const rows = cachedStatement(
		db,
		`SELECT ${REQUEST_COLUMNS}, v.body AS body FROM request_index i
		 JOIN requests r ON r.id = i.request_id
		 LEFT JOIN sync_docs d ON d.db = ? || r.household_id AND d.doc_id = r.doc_id AND d.deleted = 0
		 LEFT JOIN sync_revs v ON v.db = d.db AND v.doc_id = d.doc_id AND v.rev = d.winning_rev
		   AND v.deleted = 0
		 WHERE i.type = 'preinscription' AND i.status IN (${statuses.map(() => '?').join(', ')})
		   AND (i.wished_date IS NULL
		     OR (i.wished_date <= ? AND (i.wished_date >= ? OR i.wished_date < ?)))
		 ORDER BY r.number`
	).all(
		householdDbName(''),
		...statuses,
		session.periodEnd,
		session.periodStart,
		session.date
	) as (RequestRow & {
		body: string | null;
	})[];
	return rows
		.map(({ body, ...r }) => ({
			...r,
			doc: body === null ? null : (JSON.parse(body) as Record<string, unknown>)
		}))
		.filter((r) => {
			const wished = r.doc?.wishedStartDate;
			return typeof wished === 'string' && examinedBySession(wished, session);
		});
}

/** The documents of these requests (winning revisions), by request id: one query. */
function requestDocs(
	db: Db,
	requests: readonly RequestRow[]
): Map<string, Record<string, unknown>> {
	const rows = cachedStatement(
		db,
		`SELECT r.id, v.body FROM requests r
		 JOIN sync_docs d ON d.db = ? || r.household_id AND d.doc_id = r.doc_id AND d.deleted = 0
		 JOIN sync_revs v ON v.db = d.db AND v.doc_id = d.doc_id AND v.rev = d.winning_rev
		   AND v.deleted = 0
		 WHERE r.id IN (SELECT value FROM json_each(?))`
	).all(householdDbName(''), JSON.stringify(requests.map((r) => r.id))) as {
		id: string;
		body: string;
	}[];
	return new Map(rows.map((r) => [r.id, JSON.parse(r.body) as Record<string, unknown>]));
}

/** The requests a closed session decided on (its frozen decisions). */
export function decidedRequests(db: Db, sessionId: string): RequestRow[] {
	return db
		.prepare(
			`SELECT ${REQUEST_COLUMNS} FROM commission_decisions d JOIN requests r ON r.id = d.request_id
			 WHERE d.session_id = ? ORDER BY r.number`
		)
		.all(sessionId) as RequestRow[];
}

const strings = (x: unknown): string[] =>
	Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];

interface HouseholdFacts {
	members: DeclaredMember[];
	hasCoParent: boolean;
	/** Children of the household file and of its declarations: id → birth (or expected) date. */
	children: Map<string, string | null>;
	/** Structures where a child has a contract « Admis »: child id → structure ids. */
	contracts: { childId: string; structureId: string }[];
	/** The reference parent's names. */
	family: { lastName: string; firstNames: string };
}

/** The facts of these households, read in a few queries (not one series per household). */
function householdsFacts(db: Db, householdIds: readonly string[]): Map<string, HouseholdFacts> {
	const ids = JSON.stringify(householdIds);
	const prefix = householdDbName('');
	const out = new Map<string, HouseholdFacts>();
	for (const id of householdIds)
		out.set(id, {
			members: [],
			hasCoParent: false,
			children: new Map(),
			contracts: [],
			family: { lastName: '', firstNames: '' }
		});
	const declarations = new Map<string, { id: string; body: Record<string, unknown> }[]>();
	const docs = cachedStatement(
		db,
		`SELECT substr(d.db, length(?) + 1) AS household_id, d.doc_id, v.body FROM sync_docs d
		 JOIN sync_revs v ON v.db = d.db AND v.doc_id = d.doc_id AND v.rev = d.winning_rev
		 WHERE d.db IN (SELECT ? || value FROM json_each(?)) AND d.deleted = 0
		   AND d.doc_id >= 'entourage:' AND d.doc_id < 'entourage:\uffff'`
	).all(prefix, prefix, ids) as { household_id: string; doc_id: string; body: string }[];
	for (const d of docs) {
		let list = declarations.get(d.household_id);
		if (!list) declarations.set(d.household_id, (list = []));
		list.push({ id: d.doc_id, body: JSON.parse(d.body) as Record<string, unknown> });
	}
	for (const [id, hh] of out) {
		hh.members = membersOfDeclarations(declarations.get(id) ?? []);
		for (const m of hh.members)
			if (m.role === 'child')
				hh.children.set(m.id, (m.toBeBorn ? m.expectedBirthDate : m.birthDate) ?? null);
	}
	const filed = cachedStatement(
		db,
		`SELECT household_id, member_id, role, birth_date, expected_birth_date FROM household_members
		 WHERE household_id IN (SELECT value FROM json_each(?)) AND role IN ('child', 'coRepresentative')
		 ORDER BY rowid`
	).all(ids) as {
		household_id: string;
		member_id: string;
		role: string;
		birth_date: string | null;
		expected_birth_date: string | null;
	}[];
	for (const m of filed) {
		const hh = out.get(m.household_id)!;
		if (m.role === 'coRepresentative') hh.hasCoParent = true;
		else hh.children.set(m.member_id, m.birth_date ?? m.expected_birth_date);
	}
	const admitted = cachedStatement(
		db,
		`SELECT household_id, child_id, structure_id FROM contracts
		 WHERE household_id IN (SELECT value FROM json_each(?)) AND status = ? ORDER BY rowid`
	).all(ids, REQUEST_STATUS.admitted) as {
		household_id: string;
		child_id: string;
		structure_id: string;
	}[];
	for (const c of admitted)
		out.get(c.household_id)!.contracts.push({ childId: c.child_id, structureId: c.structure_id });
	const referents = cachedStatement(
		db,
		`SELECT household_id, last_name, first_names FROM users
		 WHERE household_id IN (SELECT value FROM json_each(?)) AND role = 'parent'
		 ORDER BY household_id, created_at DESC, id DESC`
	).all(ids) as { household_id: string; last_name: string; first_names: string }[];
	// Ordered newest first: the last one set is the household's first parent (the referent).
	for (const u of referents)
		out.get(u.household_id)!.family = { lastName: u.last_name, firstNames: u.first_names };
	return out;
}

/** The files of these requests for the session, with their facts. */
export function sessionFilesOf(
	db: Db,
	session: CommissionSessionRecord,
	requests: readonly (RequestRow | RequestWithDoc)[]
): SessionFile[] {
	const confirmations: Record<string, ConfirmationRecord> = confirmationsOf(db, session.id);
	const checks = checksOf(
		db,
		requests.map((r) => r.id)
	);
	const households = householdsFacts(db, [...new Set(requests.map((r) => r.household_id))]);
	const unread = requests.filter((r) => !('doc' in r));
	const docs = unread.length ? requestDocs(db, unread) : new Map<string, Record<string, unknown>>();
	return requests.map((row) => {
		const { doc: read, ...request } =
			'doc' in row ? row : { ...row, doc: docs.get(row.id) ?? null };
		const doc = read ?? {};
		const hh = households.get(request.household_id)!;
		const childId = typeof doc.childId === 'string' ? doc.childId : null;
		const member = childId ? hh.members.find((m) => m.id === childId) : undefined;
		const birthDate = childId ? (hh.children.get(childId) ?? null) : null;
		const wishedDate = typeof doc.wishedStartDate === 'string' ? doc.wishedStartDate : '';
		const startDate = wishedDate > session.periodStart ? wishedDate : session.periodStart;
		const confirmation = confirmations[request.id];
		const docQuestionnaire = (doc.questionnaire ?? {}) as FileFacts['questionnaire'];
		const twins =
			!!birthDate && [...hh.children].some(([id, born]) => id !== childId && born === birthDate);
		return {
			request,
			docUuid: parseDocId(request.doc_id)?.uuid ?? '',
			family: hh.family,
			child: {
				id: childId,
				firstNames: member?.firstNames ?? '',
				lastName: member?.lastName ?? '',
				birthDate
			},
			wishedDate,
			startDate,
			ageGroup: ageGroupAt(birthDate ?? startDate, startDate),
			confirmed: !!confirmation,
			flagged: session.remindedAt !== null && !confirmation,
			facts: {
				submittedAt: request.submitted_at,
				questionnaire: confirmation ? confirmation.questionnaire : docQuestionnaire,
				hasCoParent: hh.hasCoParent,
				siblingStructureIds: [
					...new Set(hh.contracts.filter((c) => c.childId !== childId).map((c) => c.structureId))
				],
				choices: strings(doc.choices),
				twins,
				checks: checks[request.id] ?? {}
			}
		};
	});
}
