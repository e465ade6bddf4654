// The submitted-document lock (SYNC_SPEC S-OWN-3..5). Once a household document has a numbered
// request (the `requests` row is the source of truth), its submitted revision must be the winner
// on every replica and no parent write may change or delete it. Refusing a replicated revision is
// not enough: the device keeps it and, if it would win there, shows content the service never got.
// So the server, acting as the service, records the refused revision's id (never its content) and
// writes on top of it a revision that loses on every replica — a tombstone — or, when it descends
// from the submitted revision, a copy of the submitted content that wins. Devices pull it and
// converge on the submitted content, as pouchdb-merge's winningRev decides everywhere.
import type { Db } from './host';
import { REQUEST_LOCKED } from '../../src/lib/domain/request-status';
import { mergePath, pathFromRevisions, summarize, type Revisions } from './rev-tree';
import type { SyncStore } from './store';
import { applyRevision, newEditRevisions } from './write';

export const SUBMITTED_LOCKED = REQUEST_LOCKED;
export const REPLY_LOCKED =
	'Ces pièces ont déjà été transmises au service : votre réponse ne peut plus être modifiée.';
export const CONFIRMATION_LOCKED =
	'Votre situation a déjà été transmise au service pour cette commission : elle ne peut plus être modifiée.';
export const ANSWER_LOCKED =
	'Votre réponse à cette proposition a déjà été transmise au service : elle ne peut plus être modifiée.';

/** Where a projected household document's submitted revision is recorded, by id prefix. */
interface LockSource {
	table: 'requests' | 'request_replies' | 'commission_confirmations' | 'offers';
	idColumn: string;
	revColumn: string;
	reason: string;
}

const REQUEST_SOURCE: LockSource = {
	table: 'requests',
	idColumn: 'doc_id',
	revColumn: 'doc_rev',
	reason: SUBMITTED_LOCKED
};
const SOURCES: Record<string, LockSource> = {
	'reply:': {
		table: 'request_replies',
		idColumn: 'doc_id',
		revColumn: 'doc_rev',
		reason: REPLY_LOCKED
	},
	// A family's confirmation of its situation before a commission (S-OWN-6).
	'confirmation:': {
		table: 'commission_confirmations',
		idColumn: 'doc_id',
		revColumn: 'doc_rev',
		reason: CONFIRMATION_LOCKED
	},
	// The family's answer to a place offered (S-OWN-7): recorded on the offer it answered.
	'offer-answer:': {
		table: 'offers',
		idColumn: 'answer_doc_id',
		revColumn: 'answer_doc_rev',
		reason: ANSWER_LOCKED
	}
};

export interface LockedRequest extends LockSource {
	/** The submitted revision the document must keep as its winner (null for legacy rows). */
	docRev: string | null;
}

/** The French reason a parent's new revision of a locked document is refused with. */
export function lockReason(request: LockedRequest): string {
	return request.reason;
}

export interface LockScope {
	store: SyncStore;
	dbName: string;
	revsLimit: number;
}

/**
 * The request made from this household document, or the row it was projected as (a submitted
 * `reply`, `confirmation` or `offer-answer`: locked the same way), if any.
 */
export function lockedRequest(db: Db, householdId: string, docId: string): LockedRequest | null {
	const source =
		Object.entries(SOURCES).find(([prefix]) => docId.startsWith(prefix))?.[1] ?? REQUEST_SOURCE;
	const row = db
		.prepare(
			`SELECT ${source.revColumn} AS doc_rev FROM ${source.table} WHERE household_id = ? AND ${source.idColumn} = ?`
		)
		.get(householdId, docId) as { doc_rev: string | null } | undefined;
	return row ? { ...source, docRev: row.doc_rev } : null;
}

/** Writes a service revision as the child of leaf `parentRev`; returns its rev. */
function writeChild(
	s: LockScope,
	id: string,
	parentRev: string,
	deleted: boolean,
	body: Record<string, unknown>
): string {
	const row = s.store.getDoc(s.dbName, id);
	const revisions = newEditRevisions(row, parentRev, [body, deleted, 'service']);
	return applyRevision(s.store, s.dbName, s.revsLimit, {
		id,
		revisions,
		deleted,
		body,
		attachments: null
	}).rev;
}

/** Tombstones every live leaf other than `keep`, so `keep` is the winner on every replica. */
export function settleWinner(s: LockScope, id: string, keep: string): void {
	const row = s.store.getDoc(s.dbName, id);
	if (!row) return;
	const summary = summarize(JSON.parse(row.rev_tree));
	for (const leaf of summary.leaves) {
		if (leaf !== keep && !summary.deletedLeaves.has(leaf)) writeChild(s, id, leaf, true, {});
	}
}

/**
 * A parent's new revision of a locked document, refused by the caller. For a replicated revision
 * (new_edits=false: the device holds it), records it and overrules it so the device converges;
 * updates the request's revision when the submitted content had to be written again.
 */
export function overrule(
	s: LockScope,
	db: Db,
	householdId: string,
	id: string,
	incoming: { revisions: Revisions; deleted: boolean; replicated: boolean },
	request: LockedRequest
): void {
	const submitted = request.docRev;
	if (!incoming.replicated || !submitted) return;
	const row = s.store.getDoc(s.dbName, id);
	const kept = row && s.store.getRev(s.dbName, id, submitted);
	if (!row || !kept || kept.deleted) return; // legacy data the lock cannot restore: refuse only
	const { revisions, deleted } = incoming;
	const after = summarize(
		mergePath(JSON.parse(row.rev_tree), pathFromRevisions(revisions, deleted), s.revsLimit).tree
	);
	const submittedStaysLeaf = after.leaves.includes(submitted);
	// A deleted revision on another branch never wins: nothing to record.
	if (submittedStaysLeaf && deleted) return;
	const rev = `${revisions.start}-${revisions.ids[0]}`;
	applyRevision(s.store, s.dbName, s.revsLimit, {
		id,
		revisions,
		deleted,
		body: {}, // the refused content is never stored: the revision stops being a leaf below
		attachments: null
	});
	let keep = submitted;
	if (submittedStaysLeaf) {
		writeChild(s, id, rev, true, {});
	} else {
		// The revision descends from the submitted one, which is no longer a leaf anywhere it is
		// known: only a newer revision carrying the submitted content can win on those replicas.
		keep = writeChild(s, id, rev, false, JSON.parse(kept.body) as Record<string, unknown>);
		db.prepare(
			`UPDATE ${request.table} SET ${request.revColumn} = ? WHERE household_id = ? AND ${request.idColumn} = ?`
		).run(keep, householdId, id);
	}
	settleWinner(s, id, keep);
}
