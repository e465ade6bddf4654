// _local documents (replication checkpoints): a plain key/value with "0-N" revisions (S-PROTO-3).
import type { Hono } from 'hono';
import type { SyncEnv } from './host';
import { withDb } from './access';
import { couchError, notFound } from './errors';
import { isRecord, jsonBody } from './http-util';

const MAX_LOCAL_BYTES = 64 * 1024;

export function localRoutes(app: Hono<SyncEnv>) {
	app.get(
		'/:db/_local/:id{.+}',
		withDb((c, a) => {
			const id = c.req.param('id') ?? '';
			const row = a.store.getLocal(a.db.name, id);
			if (!row) return notFound(c);
			return c.json({
				...(JSON.parse(row.body) as object),
				_id: `_local/${id}`,
				_rev: `0-${row.rev}`
			});
		})
	);

	app.put(
		'/:db/_local/:id{.+}',
		withDb(async (c, a) => {
			const id = c.req.param('id') ?? '';
			const doc = await jsonBody(c);
			if (!isRecord(doc)) return couchError(c, 400, 'bad_request', 'Document JSON attendu.');
			const { _id, _rev, ...body } = doc;
			void _id;
			const text = JSON.stringify(body);
			if (text.length > MAX_LOCAL_BYTES)
				return couchError(c, 413, 'too_large', 'Document local trop volumineux.');
			const row = a.store.getLocal(a.db.name, id);
			const expected = row ? `0-${row.rev}` : undefined;
			if ((_rev ?? undefined) !== expected)
				return couchError(c, 409, 'conflict', 'Document update conflict.');
			const rev = (row?.rev ?? 0) + 1;
			a.store.putLocal(a.db.name, id, rev, text);
			return c.json({ ok: true, id: `_local/${id}`, rev: `0-${rev}` }, 201);
		})
	);

	app.delete(
		'/:db/_local/:id{.+}',
		withDb((c, a) => {
			const id = c.req.param('id') ?? '';
			const row = a.store.getLocal(a.db.name, id);
			if (!row) return notFound(c);
			if (c.req.query('rev') !== `0-${row.rev}`)
				return couchError(c, 409, 'conflict', 'Document update conflict.');
			a.store.deleteLocal(a.db.name, id);
			return c.json({ ok: true, id: `_local/${id}`, rev: '0-0' });
		})
	);
}
