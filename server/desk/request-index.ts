// What the staff desk's requests list filters, searches and sorts on (migration 008): the family's
// and the people's names, folded search terms, the wished structures and date, the commission.
// Filled when a request is projected (`indexRequest`, one call in the submission projector); a row
// the projector did not fill (older requests, a parent who changed their name) is filled by
// `refreshRequestIndex` before the list reads.
import type { Database } from 'better-sqlite3';
import { nextCommission } from '../../src/lib/domain/commission';

type Db = Database;

function prepare(db: Db) {
	return {
		bodies: db.prepare(
			`SELECT r.body FROM sync_docs d
				 JOIN sync_revs r ON r.db = d.db AND r.doc_id = d.doc_id AND r.rev = d.winning_rev
				 WHERE d.db = ? AND d.doc_id >= ? AND d.doc_id < ? AND d.deleted = 0`
		),
		family: db.prepare(
			`SELECT last_name AS lastName, first_names AS firstNames FROM users
				 WHERE household_id = ? AND role = 'parent' ORDER BY created_at, id LIMIT 1`
		),
		update: db.prepare(
			`UPDATE request_index SET family_last_name = ?, family_first_names = ?, people = ?,
				 search_key = ?, choice1 = ?, choice2 = ?, choice3 = ?, wished_date = ?, commission = ?,
				 indexed = 1 WHERE number = ?`
		),
		dropTerms: db.prepare('DELETE FROM request_terms WHERE n = ?'),
		addTerm: db.prepare('INSERT OR IGNORE INTO request_terms (term, at, n) VALUES (?, ?, ?)'),
		row: db.prepare(
			'SELECT number, type, household_id, submitted_at FROM request_index WHERE number = ?'
		)
	};
}
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();

/** The statements of this module, prepared once per connection. */
function statements(db: Db) {
	let s = prepared.get(db);
	if (!s) prepared.set(db, (s = prepare(db)));
	return s;
}

export interface PersonName {
	firstNames: string;
	lastName: string;
}

/** Lower-cased, without accents or ligatures: « Lefèvre-Œuvray » → « lefevre-oeuvray ». */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/ß/g, 'ss');
}

/** The words of a text, folded: « Jean-Pierre D’Arc » → ['jean', 'pierre', 'd', 'arc']. */
export function searchWords(text: string): string[] {
	return foldText(text)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0);
}

/** '2027-03' for the commission that examines a request submitted at `at`; null for no date. */
export function commissionKey(at: Date): string | null {
	if (Number.isNaN(at.getTime())) return null;
	const c = nextCommission(at);
	return `${c.year}-${String(c.month).padStart(2, '0')}`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function personOf(member: Record<string, unknown>): PersonName {
	return { firstNames: text(member.firstNames), lastName: text(member.lastName) };
}

/** The winning content of the household's live documents whose id starts with `prefix`. */
function householdBodies(db: Db, householdId: string, prefix: string): Record<string, unknown>[] {
	const rows = statements(db).bodies.all(`hh-${householdId}`, prefix, `${prefix}\uffff`) as {
		body: string;
	}[];
	return rows.map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

/** The people a request is about: the child of a preinscription, the members of a declaration. */
function peopleOf(db: Db, householdId: string, body: Record<string, unknown>): PersonName[] {
	const members = (doc: Record<string, unknown>) =>
		Array.isArray(doc.members)
			? (doc.members as unknown[]).filter(
					(m): m is Record<string, unknown> => typeof m === 'object' && m !== null
				)
			: [];
	if (body.type === 'entourage') return members(body).map(personOf);
	if (typeof body.childId !== 'string') return [];
	for (const doc of householdBodies(db, householdId, 'entourage:')) {
		if (doc.state !== 'submitted') continue;
		const child = members(doc).find((m) => m.role === 'child' && m.id === body.childId);
		if (child) return [personOf(child)];
	}
	return [];
}

interface IndexedRow {
	number: number;
	type: string;
	household_id: string;
	submitted_at: string;
}

function writeIndex(db: Db, row: IndexedRow, doc: Record<string, unknown>): void {
	const body: Record<string, unknown> = { ...doc, type: row.type };
	const s = statements(db);
	const family = (s.family.get(row.household_id) as PersonName | undefined) ?? {
		lastName: '',
		firstNames: ''
	};
	const people = peopleOf(db, row.household_id, body);
	const names = [family, ...people].flatMap((p) => [p.lastName, p.firstNames]);
	const terms = new Set(names.flatMap(searchWords));
	const choices = Array.isArray(body.choices)
		? (body.choices as unknown[]).filter((c): c is string => typeof c === 'string')
		: [];
	const wished = typeof body.wishedStartDate === 'string' ? body.wishedStartDate : null;
	const commission =
		row.type === 'preinscription' ? commissionKey(new Date(row.submitted_at)) : null;
	s.update.run(
		family.lastName,
		family.firstNames,
		JSON.stringify(people),
		` ${[...terms].join(' ')} `,
		choices[0] ?? null,
		choices[1] ?? null,
		choices[2] ?? null,
		wished,
		commission,
		row.number
	);
	s.dropTerms.run(row.number);
	for (const term of terms) s.addTerm.run(term, row.submitted_at, row.number);
}

/**
 * Fills the list's row of request `number` from its submitted document `body`. Call it inside the
 * transaction that inserted the request (the insert trigger of migration 008 made the row).
 */
export function indexRequest(db: Db, number: number, body: Record<string, unknown>): void {
	const row = statements(db).row.get(number) as IndexedRow | undefined;
	if (row) writeIndex(db, row, body);
}

/** Indexes the requests not indexed yet (or whose family changed name); returns how many. */
export function refreshRequestIndex(db: Db): number {
	const stale = db
		.prepare(
			`SELECT i.number, i.type, i.household_id, i.submitted_at, q.doc_id, q.doc_rev
			 FROM request_index i JOIN requests q ON q.id = i.request_id
			 WHERE i.indexed = 0 LIMIT 1000`
		)
		.all() as (IndexedRow & { doc_id: string; doc_rev: string | null })[];
	if (stale.length === 0) return 0;
	const bodyOf = db.prepare(
		`SELECT r.body FROM sync_docs d JOIN sync_revs r ON r.db = d.db AND r.doc_id = d.doc_id
		 AND r.rev = COALESCE(?, d.winning_rev) WHERE d.db = ? AND d.doc_id = ?`
	);
	db.transaction(() => {
		for (const row of stale) {
			const found = bodyOf.get(row.doc_rev, `hh-${row.household_id}`, row.doc_id) as
				{ body: string } | undefined;
			writeIndex(db, row, found ? (JSON.parse(found.body) as Record<string, unknown>) : {});
		}
	})();
	return stale.length + refreshRequestIndex(db);
}
