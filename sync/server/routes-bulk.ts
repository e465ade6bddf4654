// What the replicator uses in bulk: _revs_diff, _bulk_get, _bulk_docs (S-PROTO-4..6, S-WRITE-*).
import type { Context, Hono } from 'hono';
import type { SyncEnv } from './host';
import { withDb } from './access';
import { bulkDocs } from './bulk-docs';
import { couchError } from './errors';
import { flag, isRecord, jsonBody } from './http-util';
import { DocReader } from './read';
import {
	MAX_BULK_DOCS,
	MAX_LOOKUPS,
	MAX_REQUEST_DOC_BYTES,
	MAX_REVISIONS_PER_REQUEST,
	overDocBudget,
	revisionsInRequest
} from './limits';
import { allRevs } from './rev-tree';

const tooMany = (c: Context<SyncEnv>, what: string) =>
	couchError(c, 413, 'too_large', `Requête trop grande : ${what}. Envoyez-en moins à la fois.`);

export function bulkRoutes(app: Hono<SyncEnv>) {
	app.post(
		'/:db/_revs_diff',
		withDb(async (c, a) => {
			const body = await jsonBody(c);
			if (!isRecord(body)) return couchError(c, 400, 'bad_request', 'Objet JSON attendu.');
			const entries = Object.entries(body);
			const asked = entries.reduce((n, [, revs]) => n + (Array.isArray(revs) ? revs.length : 0), 0);
			if (asked > MAX_LOOKUPS)
				return tooMany(c, `${MAX_LOOKUPS} révisions au maximum par requête _revs_diff`);
			const reader = new DocReader(a.store, a.db.name);
			const out: Record<string, { missing: string[] }> = {};
			for (const [id, revs] of entries) {
				if (!Array.isArray(revs)) continue;
				// One walk of the tree per document, however many revisions are asked (S-LIM-5).
				const known = allRevs(reader.doc(id)?.tree ?? []);
				const missing = revs.filter((r): r is string => typeof r === 'string' && !known.has(r));
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
			if (docs.length > MAX_LOOKUPS)
				return tooMany(c, `${MAX_LOOKUPS} documents au maximum par requête _bulk_get`);
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
			if (body.docs.length > MAX_BULK_DOCS)
				return tooMany(c, `${MAX_BULK_DOCS} documents au maximum par envoi`);
			if (revisionsInRequest(body.docs, a.db.revs_limit) > MAX_REVISIONS_PER_REQUEST)
				return tooMany(
					c,
					`${MAX_REVISIONS_PER_REQUEST} révisions d’historique au maximum par envoi`
				);
			if (overDocBudget(body.docs))
				return tooMany(
					c,
					`${MAX_REQUEST_DOC_BYTES / 1024 / 1024} Mo de documents au maximum par envoi (fichiers joints à part)`
				);
			const newEdits = body.new_edits !== false;
			const results = bulkDocs({ host: a.host, store: a.store, db: a.db }, body.docs, newEdits);
			return c.json(
				results.map((r) => ('ok' in r ? r : { id: r.id, error: r.error, reason: r.reason })),
				201
			);
		})
	);
}
