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

export interface LockedRequest {
	/** The submitted revision the document must keep as its winner (null for legacy rows). */
	docRev: string | null;
	/**
	 * Where that revision is recorded: a request, a reply to « Pièces demandées », or a family's
	 * confirmation of its situation before a commission (S-OWN-6).
	 */
	table: 'requests' | 'request_replies' | 'commission_confirmations';
}

/** The French reason a parent's new revision of a locked document is refused with. */
export function lockReason(request: LockedRequest): string {
	if (request.table === 'request_replies') return REPLY_LOCKED;
	if (request.table === 'commission_confirmations') return CONFIRMATION_LOCKED;
	return SUBMITTED_LOCKED;
}

/** The table recording a household document's submitted revision, by the document's id. */
function lockTable(docId: string): LockedRequest['table'] {
	if (docId.startsWith('reply:')) return 'request_replies';
	if (docId.startsWith('confirmation:')) return 'commission_confirmations';
	return 'requests';
}

export interface LockScope {
	store: SyncStore;
	dbName: string;
	revsLimit: number;
}

/**
 * The request made from this household document, or the reply or confirmation it was projected
 * as (a submitted `reply` or `confirmation` is locked the same way), if any.
 */
export function lockedRequest(db: Db, householdId: string, docId: string): LockedRequest | null {
	const table = lockTable(docId);
	const row = db
		.prepare(`SELECT doc_rev FROM ${table} WHERE household_id = ? AND doc_id = ?`)
		.get(householdId, docId) as { doc_rev: string | null } | undefined;
	return row ? { docRev: row.doc_rev, table } : null;
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
		db.prepare(`UPDATE ${request.table} SET doc_rev = ? WHERE household_id = ? AND doc_id = ?`).run(
			keep,
			householdId,
			id
		);
	}
	settleWinner(s, id, keep);
}
