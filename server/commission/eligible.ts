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
import {
	declaredMembers,
	requestDoc,
	type DeclaredMember,
	type RequestRow
} from '../desk/request-file';
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
	const rows = db
		.prepare(
			`SELECT ${REQUEST_COLUMNS} FROM requests r
			 WHERE r.type = 'preinscription' AND r.status IN (${statuses.map(() => '?').join(', ')})
			 ORDER BY r.number`
		)
		.all(...statuses) as RequestRow[];
	return rows
		.map((r) => ({ ...r, doc: requestDoc(db, r) }))
		.filter((r) => {
			const wished = r.doc?.wishedStartDate;
			return typeof wished === 'string' && examinedBySession(wished, session);
		});
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

/** The statements reading a household's facts, prepared once per read of a session's files. */
function householdReader(db: Db) {
	const coParent = db.prepare(
		"SELECT 1 FROM household_members WHERE household_id = ? AND role = 'coRepresentative' LIMIT 1"
	);
	const filedChildren = db.prepare(
		"SELECT member_id, birth_date, expected_birth_date FROM household_members WHERE household_id = ? AND role = 'child'"
	);
	const admitted = db.prepare(
		'SELECT child_id, structure_id FROM contracts WHERE household_id = ? AND status = ?'
	);
	const referent = db.prepare(
		`SELECT last_name, first_names FROM users WHERE household_id = ? AND role = 'parent'
		 ORDER BY created_at, id LIMIT 1`
	);
	return (householdId: string): HouseholdFacts => {
		const members = declaredMembers(db, householdId);
		const children = new Map<string, string | null>();
		for (const m of members)
			if (m.role === 'child')
				children.set(m.id, (m.toBeBorn ? m.expectedBirthDate : m.birthDate) ?? null);
		const filed = filedChildren.all(householdId) as {
			member_id: string;
			birth_date: string | null;
			expected_birth_date: string | null;
		}[];
		for (const c of filed) children.set(c.member_id, c.birth_date ?? c.expected_birth_date);
		const contracts = (
			admitted.all(householdId, REQUEST_STATUS.admitted) as {
				child_id: string;
				structure_id: string;
			}[]
		).map((c) => ({ childId: c.child_id, structureId: c.structure_id }));
		const family = referent.get(householdId) as
			{ last_name: string; first_names: string } | undefined;
		return {
			members,
			hasCoParent: !!coParent.get(householdId),
			children,
			contracts,
			family: { lastName: family?.last_name ?? '', firstNames: family?.first_names ?? '' }
		};
	};
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
	const households = new Map<string, HouseholdFacts>();
	const householdFacts = householdReader(db);
	return requests.map((row) => {
		const { doc: read, ...request } = 'doc' in row ? row : { ...row, doc: requestDoc(db, row) };
		const doc = read ?? {};
		let hh = households.get(request.household_id);
		if (!hh) households.set(request.household_id, (hh = householdFacts(request.household_id)));
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
