// GET|POST /{db}/_all_docs: live documents by id (include_docs, conflicts, keys, limit, skip).
// Not used by replication itself; for diagnostics, tests and the cross-check (S-PROTO-9).
import type { Context, Hono } from 'hono';
import type { SyncEnv } from './host';
import { withDb, type Access } from './access';
import { couchError } from './errors';
import { flag, intParam, isRecord, jsonBody } from './http-util';
import { MAX_LOOKUPS } from './limits';
import { DocReader } from './read';
import type { DocRow } from './store';

/** Rows of one answer: a diagnostics endpoint, not a bulk export. */
const MAX_ROWS = 10_000;

async function allDocs(c: Context<SyncEnv>, a: Access) {
	const body = c.req.method === 'POST' ? await jsonBody(c) : null;
	const keys =
		isRecord(body) && Array.isArray(body.keys)
			? body.keys.filter((k): k is string => typeof k === 'string')
			: null;
	if (keys && keys.length > MAX_LOOKUPS)
		return couchError(c, 400, 'bad_request', `keys : ${MAX_LOOKUPS} identifiants au maximum.`);
	const limit = intParam(c, 'limit', { min: 0, max: MAX_ROWS, fallback: MAX_ROWS });
	const skip = intParam(c, 'skip', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
	const opts = { conflicts: flag(c, 'conflicts') };
	const includeDocs = flag(c, 'include_docs');
	const reader = new DocReader(a.store, a.db.name);
	let rows: DocRow[] = keys
		? keys.map((k) => a.store.getDoc(a.db.name, k)).filter((r): r is DocRow => !!r)
		: (a.host.db
				.prepare('SELECT * FROM sync_docs WHERE db = ? AND deleted = 0 ORDER BY doc_id')
				.all(a.db.name) as DocRow[]);
	rows = rows.slice(skip, skip + limit);
	return c.json({
		total_rows: a.db.doc_count,
		offset: skip,
		rows: rows.map((r) => ({
			id: r.doc_id,
			key: r.doc_id,
			value: r.deleted ? { rev: r.winning_rev, deleted: true } : { rev: r.winning_rev },
			...(includeDocs && !r.deleted
				? { doc: reader.render(r.doc_id, JSON.parse(r.rev_tree), r.winning_rev, opts) }
				: {})
		}))
	});
}

export function allDocsRoutes(app: Hono<SyncEnv>) {
	app.get('/:db/_all_docs', withDb(allDocs));
	app.post('/:db/_all_docs', withDb(allDocs));
}
