// Single documents and attachments: GET /{db}/{id} (rev, revs, open_revs, latest, conflicts,
// attachments), PUT|DELETE /{db}/{id}, GET /{db}/{id}/{attachment} (S-PROTO-7..8, S-ATT-4).
import type { Context, Hono } from 'hono';
import type { SyncEnv } from './host';
import { withDb, type Access } from './access';
import { isMimeType } from './attachments';
import { bulkDocs } from './bulk-docs';
import { couchError, notFound } from './errors';
import { flag, isRecord, jsonBody, jsonParam } from './http-util';
import { MAX_LOOKUPS } from './limits';
import { DocReader } from './read';
import type { AttachmentMap } from './store';

function getDoc(c: Context<SyncEnv>, a: Access) {
	const id = c.req.param('id') ?? '';
	const reader = new DocReader(a.store, a.db.name);
	const found = reader.doc(id);
	const opts = {
		revs: flag(c, 'revs'),
		attachments: flag(c, 'attachments'),
		conflicts: flag(c, 'conflicts')
	};
	const latest = flag(c, 'latest');
	const openRevs = c.req.query('open_revs');
	if (openRevs) {
		const asked = openRevs === 'all' ? null : jsonParam(c, 'open_revs');
		if (asked !== null && (!Array.isArray(asked) || asked.length > MAX_LOOKUPS))
			return couchError(
				c,
				400,
				'bad_request',
				`open_revs doit être « all » ou une liste d’au plus ${MAX_LOOKUPS} révisions.`
			);
		if (!found) return notFound(c);
		const revs = (asked as unknown[] | null) ?? (JSON.parse(found.row.leaves) as string[]);
		return c.json(
			revs.map((r) => {
				const doc = reader.render(
					id,
					found.tree,
					reader.resolve(found.tree, String(r), latest),
					opts
				);
				return doc ? { ok: doc } : { missing: r };
			})
		);
	}
	if (!found) return notFound(c);
	const asked = c.req.query('rev');
	if (!asked && found.row.deleted) return notFound(c, 'deleted');
	const doc = reader.render(
		id,
		found.tree,
		reader.resolve(found.tree, asked ?? found.row.winning_rev, latest),
		opts
	);
	return doc ? c.json(doc) : notFound(c);
}

function writeDoc(c: Context<SyncEnv>, a: Access, doc: Record<string, unknown>) {
	const [result] = bulkDocs({ host: a.host, store: a.store, db: a.db }, [doc], true);
	if (!result) return couchError(c, 500, 'internal', 'Écriture impossible.');
	if ('ok' in result) return c.json(result, 201);
	return couchError(c, result.status as 400, result.error, result.reason);
}

export function docRoutes(app: Hono<SyncEnv>) {
	app.get('/:db/:id', withDb(getDoc));

	app.put(
		'/:db/:id',
		withDb(async (c, a) => {
			const doc = await jsonBody(c);
			if (!isRecord(doc)) return couchError(c, 400, 'bad_request', 'Document JSON attendu.');
			const rev = c.req.query('rev');
			return writeDoc(c, a, { ...doc, _id: c.req.param('id'), ...(rev ? { _rev: rev } : {}) });
		})
	);

	app.delete(
		'/:db/:id',
		withDb((c, a) =>
			writeDoc(c, a, { _id: c.req.param('id'), _rev: c.req.query('rev'), _deleted: true })
		)
	);

	app.get(
		'/:db/:id/:att{.+}',
		withDb((c, a) => {
			const id = c.req.param('id') ?? '';
			const name = c.req.param('att') ?? '';
			const row = a.store.getDoc(a.db.name, id);
			if (!row) return notFound(c);
			const stored = a.store.getRev(a.db.name, id, c.req.query('rev') ?? row.winning_rev);
			const att = stored?.attachments
				? (JSON.parse(stored.attachments) as AttachmentMap)[name]
				: undefined;
			const data = att ? a.store.getBlob(a.db.name, att.digest) : undefined;
			if (!att || !data) return notFound(c);
			// Served as a download, never rendered inline from our origin (ARCHITECTURE, Trust).
			return c.body(new Uint8Array(data), 200, {
				// A type stored before input checks (S-ATT-5) must not break the answer or the header.
				'Content-Type': isMimeType(att.content_type)
					? att.content_type
					: 'application/octet-stream',
				'Content-Length': String(data.length),
				'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
				'X-Content-Type-Options': 'nosniff',
				ETag: `"${att.digest}"`
			});
		})
	);
}
