// What the replicator uses in bulk: _revs_diff, _bulk_get, _bulk_docs (S-PROTO-4..6, S-WRITE-*).
import type { Hono } from 'hono';
import type { AppEnv } from '../../server/http/env';
import { withDb } from './access';
import { bulkDocs } from './bulk-docs';
import { couchError } from './errors';
import { flag, isRecord, jsonBody } from './http-util';
import { DocReader } from './read';
import { exists } from './rev-tree';

export function bulkRoutes(app: Hono<AppEnv>) {
	app.post(
		'/:db/_revs_diff',
		withDb(async (c, a) => {
			const body = await jsonBody(c);
			if (!isRecord(body)) return couchError(c, 400, 'bad_request', 'Objet JSON attendu.');
			const reader = new DocReader(a.store, a.db.name);
			const out: Record<string, { missing: string[] }> = {};
			for (const [id, revs] of Object.entries(body)) {
				if (!Array.isArray(revs)) continue;
				const tree = reader.doc(id)?.tree ?? [];
				const missing = revs.filter((r): r is string => typeof r === 'string' && !exists(tree, r));
				if (missing.length) out[id] = { missing };
			}
			return c.json(out);
		})
	);

	app.post(
		'/:db/_bulk_get',
		withDb(async (c, a) => {
			const body = await jsonBody(c);
			const docs = isRecord(body) && Array.isArray(body.docs) ? body.docs : null;
			if (!docs) return couchError(c, 400, 'bad_request', 'Liste « docs » attendue.');
			const opts = { revs: flag(c, 'revs'), attachments: flag(c, 'attachments') };
			const latest = flag(c, 'latest');
			const reader = new DocReader(a.store, a.db.name);
			const results = docs.map((req: unknown) => {
				const id = isRecord(req) && typeof req.id === 'string' ? req.id : '';
				const askedRev = isRecord(req) && typeof req.rev === 'string' ? req.rev : null;
				const found = id ? reader.doc(id) : null;
				const rev = found
					? reader.resolve(found.tree, askedRev ?? found.row.winning_rev, latest)
					: askedRev;
				const doc = found && rev ? reader.render(id, found.tree, rev, opts) : null;
				return {
					id,
					docs: [
						doc
							? { ok: doc }
							: { error: { id, rev: rev ?? 'undefined', error: 'not_found', reason: 'missing' } }
					]
				};
			});
			return c.json({ results });
		})
	);

	app.post(
		'/:db/_bulk_docs',
		withDb(async (c, a) => {
			const body = await jsonBody(c);
			if (!isRecord(body) || !Array.isArray(body.docs))
				return couchError(c, 400, 'bad_request', 'Liste « docs » attendue.');
			const newEdits = body.new_edits !== false;
			const results = bulkDocs({ deps: a.deps, store: a.store, db: a.db }, body.docs, newEdits);
			return c.json(
				results.map((r) => ('ok' in r ? r : { id: r.id, error: r.error, reason: r.reason })),
				201
			);
		})
	);
}
