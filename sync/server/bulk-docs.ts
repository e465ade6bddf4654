// The write path of a household database: every document of a _bulk_docs request is checked,
// merged and projected in one SQLite transaction, each in its own savepoint so a refusal or a
// failing projector drops that document only (S-WRITE-*, S-PROJ-*).
import type { SyncHost } from './host';
import { prepareAttachments, resolveAttachments } from './attachment-input';
import { notifyChanged } from './changes-bus';
import { DocRefused } from './errors';
import { parentWriteProblem } from './ownership';
import { projectorsFor, type ProjectionContext } from './projectors/registry';
import { checkDocShape, MAX_OPEN_LEAVES, replicatedRevisions } from './limits';
import { exists, type Revisions } from './rev-tree';
import { lockedRequest, lockReason, overrule, settleWinner } from './submitted-lock';
import type { AttachmentMap, DbRow, SyncStore } from './store';
import { applyRevision, loadTree, newEditRevisions, RevConflict } from './write';

export type Actor = 'parent' | 'service';

export interface WriteScope {
	host: SyncHost;
	store: SyncStore;
	db: DbRow;
}

export type DocResult =
	| { ok: true; id: string; rev: string }
	| { id: string; error: string; reason: string; status: number };

type Raw = Record<string, unknown>;

/** Writes documents (new_edits true or false) and returns one result per document. */
export function bulkDocs(
	scope: WriteScope,
	docs: unknown[],
	newEdits: boolean,
	actor: Actor = 'parent'
): DocResult[] {
	let outbox = false;
	const { db } = scope.host;
	const seen = new Map<string, number>();
	const writeEach = (raw: unknown): DocResult => {
		const id = isObject(raw) && typeof raw._id === 'string' ? raw._id : '';
		try {
			// More revisions of one document than it may have open leaves: refused without
			// touching its tree, so 5 000 branches in one request cost nothing (S-LIM-4).
			const count = (seen.get(id) ?? 0) + 1;
			seen.set(id, count);
			if (id && count > MAX_OPEN_LEAVES)
				throw new DocRefused(
					'forbidden',
					`Trop de versions de ce document dans un même envoi (${MAX_OPEN_LEAVES} au maximum).`
				);
			// Nested transaction = savepoint: a refusal rolls back this document only.
			return db.transaction(() => writeOne(scope, raw, newEdits, actor, () => (outbox = true)))();
		} catch (err) {
			if (err instanceof DocRefused)
				return { id, error: err.error, reason: err.reason, status: err.status };
			throw err;
		}
	};
	// Declarations and pieces are written before the rest of the request, so a pre-registration
	// naming a child or a piece sent in the same request finds them (S-VAL-4, S-VAL-6). The
	// results keep the request's order.
	const writesFirst = (raw: unknown) =>
		isObject(raw) && /^(entourage|piece):/.test(String(raw._id));
	const order = docs
		.map((raw, i) => ({ raw, i, first: writesFirst(raw) }))
		.sort((a, b) => Number(b.first) - Number(a.first) || a.i - b.i);
	const results: DocResult[] = new Array<DocResult>(docs.length);
	db.transaction(() => order.forEach(({ raw, i }) => (results[i] = writeEach(raw))))();
	const wake = () => {
		notifyChanged(scope.db.name);
		if (outbox) scope.host.kickOutbox();
	};
	// Called inside a caller's transaction (a staff desk action): feeds and the outbox are woken
	// once it has ended, so nobody reads a change that could still be rolled back.
	if (db.inTransaction) setImmediate(wake);
	else wake();
	return results;
}

function isObject(x: unknown): x is Raw {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Fields CouchDB accepts on input but never stores as content. */
const IGNORED = new Set([
	'_id',
	'_rev',
	'_revisions',
	'_deleted',
	'_attachments',
	'_conflicts',
	'_deleted_conflicts',
	'_revs_info',
	'_local_seq'
]);

function contentOf(raw: Raw): Raw {
	const body: Raw = {};
	for (const [k, v] of Object.entries(raw)) {
		if (IGNORED.has(k)) continue;
		if (k.startsWith('_'))
			throw new DocRefused('doc_validation', `Champ réservé interdit : ${k}.`, 400);
		body[k] = v;
	}
	return body;
}

function writeOne(
	scope: WriteScope,
	raw: unknown,
	newEdits: boolean,
	actor: Actor,
	markOutbox: () => void
): DocResult {
	if (!isObject(raw) || typeof raw._id !== 'string' || !raw._id)
		throw new DocRefused('bad_request', 'Document sans identifiant (_id).', 400);
	checkDocShape(raw);
	const { store, db } = scope;
	const id = raw._id;
	const row = store.getDoc(db.name, id);
	const deleted = raw._deleted === true;
	const body = contentOf(raw);
	const prepared = prepareAttachments(raw._attachments, actor === 'parent');

	let revisions: Revisions;
	if (newEdits) {
		const parentRev = typeof raw._rev === 'string' ? raw._rev : undefined;
		try {
			revisions = newEditRevisions(row, parentRev, [
				body,
				deleted,
				prepared.map((p) => [p.name, p.digest])
			]);
		} catch (err) {
			if (err instanceof RevConflict)
				throw new DocRefused('conflict', 'Document update conflict.', 409);
			throw err;
		}
	} else {
		revisions = replicatedRevisions(raw, db.revs_limit);
	}
	const rev = `${revisions.start}-${revisions.ids[0]}`;
	const tree = loadTree(row);
	// A replayed revision is already stored: accept it without checking or projecting again.
	if (row && exists(tree, rev)) return { ok: true, id, rev };

	const parentRev = revisions.ids[1] ? `${revisions.start - 1}-${revisions.ids[1]}` : null;
	const parentStored = parentRev ? store.getRev(db.name, id, parentRev) : undefined;
	const parentAtts = parentStored?.attachments
		? (JSON.parse(parentStored.attachments) as AttachmentMap)
		: {};
	if (actor === 'parent') {
		// A document with a numbered request belongs to the service (S-OWN-3..5).
		const request = row ? lockedRequest(scope.host.db, db.household_id, id) : null;
		if (request) {
			const lock = { store, dbName: db.name, revsLimit: db.revs_limit };
			overrule(
				lock,
				scope.host.db,
				db.household_id,
				id,
				{ revisions, deleted, replicated: !newEdits },
				request
			);
			return { id, error: 'forbidden', reason: lockReason(request), status: 403 };
		}
		const current = row ? store.getRev(db.name, id, row.winning_rev) : undefined;
		const problem = parentWriteProblem({
			id,
			body,
			deleted,
			hasAttachments: prepared.length > 0,
			attachmentCount: prepared.length,
			current: current
				? { body: JSON.parse(current.body) as Raw, deleted: !!current.deleted }
				: null,
			isActiveStructure: (sid) => store.isActiveStructure(sid),
			householdDocs: (type) => store.liveBodies(db.name, `${type}:`),
			now: new Date(scope.host.clock.now())
		});
		if (problem) throw new DocRefused('forbidden', problem);
	}
	const attachments = resolveAttachments(store, db.name, prepared, parentAtts, revisions.start);
	const applied = applyRevision(store, db.name, db.revs_limit, {
		id,
		revisions,
		deleted,
		body,
		attachments
	});
	if (applied.changed && typeof body.type === 'string') {
		const ctx = projectionContext(scope, markOutbox);
		const revision = { id, rev, type: body.type, body, deleted };
		for (const project of projectorsFor(body.type)) project(revision, ctx);
		scope.host.appProjectors?.[body.type]?.(revision, ctx);
		// This revision just made a request: it becomes the winner on every replica (S-OWN-4).
		if (actor === 'parent' && lockedRequest(scope.host.db, db.household_id, id)?.docRev === rev)
			settleWinner({ store, dbName: db.name, revsLimit: db.revs_limit }, id, rev);
	}
	return { ok: true, id, rev };
}

function projectionContext(scope: WriteScope, markOutbox: () => void): ProjectionContext {
	const { store, db } = scope;
	return {
		host: scope.host,
		dbName: db.name,
		householdId: db.household_id,
		now: scope.host.clock.now(),
		outboxWritten: markOutbox,
		writeServiceDoc(id, content) {
			const doc = onCurrentRevision(store, db.name, { ...content, _id: id });
			const res = writeOne(scope, doc, true, 'service', markOutbox);
			if (!('ok' in res)) throw new Error(`service write refused: ${id}`);
			return res.rev;
		}
	};
}

/**
 * A server-side update names the current winning revision, like a client would: the service's
 * writes (projectors' `writeServiceDoc`, `writeHouseholdDocs`) replace the document's content.
 */
export function onCurrentRevision(store: SyncStore, dbName: string, doc: Raw): Raw {
	const row = typeof doc._id === 'string' ? store.getDoc(dbName, doc._id) : undefined;
	return row && !row.deleted && doc._rev === undefined ? { ...doc, _rev: row.winning_rev } : doc;
}
