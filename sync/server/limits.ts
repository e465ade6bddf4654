// What one client may send on /sync (S-LIM-*): bounded so that no request keeps the event loop busy
// for more than a small fraction of a second. Each refusal names the limit in French.
import { DocRefused } from './errors';
import { parseRev, REV_HASH, type Revisions } from './rev-tree';

/** Nesting of a document's JSON (objects and arrays). A real form is under 8. */
export const MAX_DOC_DEPTH = 32;
/** A document's JSON without its attachments (they have their own limits, S-ATT-2). */
export const MAX_DOC_BYTES = 1024 * 1024;
/** Conflicting (non-deleted) leaves of one document; two devices make one or two. */
export const MAX_OPEN_LEAVES = 100;
/** Every leaf, deleted ones included: each keeps a body (S-WRITE-4). */
export const MAX_LEAVES = 200;
/** Revisions remembered in one document's tree (rev ids, not bodies): revs_limit is 1000. */
export const MAX_TREE_NODES = 5000;
/** Documents in one _bulk_docs (the app’s replicator sends 50, PouchDB’s default is 100). */
export const MAX_BULK_DOCS = 1000;
/** `_revisions.ids` entries (after the cut to revs_limit) in one _bulk_docs: 50 docs × 1000 is
 * the most the app's replicator sends; each entry costs tree work and bytes in SQLite. */
export const MAX_REVISIONS_PER_REQUEST = 50_000;
/** Ids or revisions named in one _revs_diff, _bulk_get, _all_docs keys or _changes doc_ids. */
export const MAX_LOOKUPS = 10_000;

/** Document JSON (attachments aside) in one _bulk_docs: 50 forms are well under 1 Mo. */
export const MAX_REQUEST_DOC_BYTES = 8 * 1024 * 1024;

const sizes = new WeakMap<object, number>();

/**
 * The size of a document's JSON without its attachments, after checking its depth (iterative,
 * stopping at the limit: a recursive walk, or JSON.stringify, overflows the stack on 10 000 levels,
 * which failed the whole request, S-WRITE-2). Measured once per document object.
 */
function docBytes(raw: Record<string, unknown>): number {
	const known = sizes.get(raw);
	if (known !== undefined) return known;
	const stack: [unknown, number][] = [[raw, 1]];
	while (stack.length) {
		const [value, depth] = stack.pop()!;
		if (depth > MAX_DOC_DEPTH)
			throw new DocRefused(
				'doc_validation',
				`Document trop imbriqué (${MAX_DOC_DEPTH} niveaux au maximum).`,
				400
			);
		const children = Array.isArray(value) ? value : Object.values(value as object);
		for (const child of children)
			if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
	}
	const { _attachments, ...rest } = raw;
	void _attachments;
	const bytes = Buffer.byteLength(JSON.stringify(rest));
	sizes.set(raw, bytes);
	return bytes;
}

/** Refuses a document nested deeper than MAX_DOC_DEPTH or larger than MAX_DOC_BYTES (S-LIM-3). */
export function checkDocShape(raw: Record<string, unknown>): void {
	if (docBytes(raw) > MAX_DOC_BYTES)
		throw new DocRefused(
			'doc_validation',
			`Document trop volumineux (${MAX_DOC_BYTES / 1024 / 1024} Mo au maximum, fichiers joints à part).`,
			400
		);
}

/**
 * Whether a _bulk_docs brings more than MAX_REQUEST_DOC_BYTES of document JSON (documents refused
 * for their shape count for nothing); stops measuring as soon as it does.
 */
export function overDocBudget(docs: unknown[]): boolean {
	let n = 0;
	for (const d of docs) {
		if (n > MAX_REQUEST_DOC_BYTES) return true;
		if (typeof d !== 'object' || d === null || Array.isArray(d)) continue;
		try {
			n += docBytes(d as Record<string, unknown>);
		} catch (err) {
			if (!(err instanceof DocRefused)) throw err;
		}
	}
	return n > MAX_REQUEST_DOC_BYTES;
}

const badRevision = (detail: string) =>
	new DocRefused('bad_request', `Révision invalide : ${detail}.`, 400);

/**
 * The ancestry a replicated revision claims (new_edits=false), checked (S-LIM-1) and cut to
 * `revsLimit` entries (S-LIM-2): CouchDB and PouchDB stem it to that length anyway, so the rest is
 * never read, and a client keeping a longer history still replicates.
 */
export function replicatedRevisions(raw: Record<string, unknown>, revsLimit: number): Revisions {
	const rev = typeof raw._rev === 'string' ? parseRev(raw._rev) : null;
	if (!rev)
		throw badRevision('_rev absente ou mal formée (position entière positive, tiret, hash)');
	const r = raw._revisions;
	if (r === undefined || r === null) return { start: rev.pos, ids: [rev.hash] };
	if (typeof r !== 'object' || Array.isArray(r)) throw badRevision('_revisions doit être un objet');
	const { start, ids } = r as { start?: unknown; ids?: unknown };
	if (!Number.isSafeInteger(start) || (start as number) < 1)
		throw badRevision('_revisions.start doit être un entier positif');
	if (!Array.isArray(ids) || !ids.length)
		throw badRevision('_revisions.ids doit être une liste non vide');
	if ((start as number) - ids.length + 1 < 1)
		throw badRevision('_revisions remonte avant la position 1');
	if (start !== rev.pos || ids[0] !== rev.hash)
		throw badRevision('_revisions ne correspond pas à _rev');
	const kept = ids.slice(0, Math.max(1, revsLimit));
	for (const id of kept)
		if (typeof id !== 'string' || !REV_HASH.test(id))
			throw badRevision('un identifiant de _revisions.ids est mal formé');
	return { start: rev.pos, ids: kept as string[] };
}

/** How many `_revisions.ids` entries a _bulk_docs body brings, each cut to `revsLimit` (S-LIM-4). */
export function revisionsInRequest(docs: unknown[], revsLimit: number): number {
	let n = 0;
	for (const d of docs) {
		const r = (d as { _revisions?: { ids?: unknown } } | null)?._revisions;
		if (r && Array.isArray(r.ids)) n += Math.min(r.ids.length, revsLimit);
	}
	return n;
}
