// GET|POST /{db}/_changes: normal and longpoll feeds, heartbeat, timeout, filter=_doc_ids (S-CHG-*).
import type { Context, Hono } from 'hono';
import type { SyncEnv } from './host';
import { withDb, type Access } from './access';
import { onNextChange } from './changes-bus';
import { readChanges, type ChangesQuery } from './changes';
import { couchError } from './errors';
import { flag, intParam, isRecord, jsonBody, jsonParam } from './http-util';
import { MAX_LOOKUPS } from './limits';
import { DocReader } from './read';

/** A longpoll with nothing new answers empty after this, and the client polls again. */
const MAX_WAIT_MS = 60_000;
const MAX_LIMIT = 10_000;

/** Below this a heartbeat is a flood of newlines (PouchDB sends 10 000). */
const MIN_HEARTBEAT_MS = 10;

/** Milliseconds between newlines while a longpoll waits; 0 = none. CouchDB also takes `true`. */
function heartbeatOf(c: Context<SyncEnv>): number {
	if (c.req.query('heartbeat') === 'true') return MAX_WAIT_MS;
	const ms = intParam(c, 'heartbeat', { min: 0, max: MAX_WAIT_MS, fallback: 0 });
	return ms ? Math.max(ms, MIN_HEARTBEAT_MS) : 0;
}

async function parseQuery(
	c: Context<SyncEnv>,
	a: Access
): Promise<(ChangesQuery & { timeout: number; heartbeat: number }) | Response> {
	let docIds: string[] | null = null;
	const filter = c.req.query('filter');
	if (filter === '_doc_ids') {
		const raw =
			c.req.method === 'POST'
				? await jsonBody(c)
				: { doc_ids: c.req.query('doc_ids') === undefined ? [] : jsonParam(c, 'doc_ids') };
		const ids = isRecord(raw) ? raw.doc_ids : null;
		if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string'))
			return couchError(c, 400, 'bad_request', 'doc_ids doit être une liste d’identifiants.');
		if (ids.length > MAX_LOOKUPS)
			return couchError(c, 400, 'bad_request', `doc_ids : ${MAX_LOOKUPS} identifiants au maximum.`);
		docIds = ids as string[];
	} else if (filter) {
		return couchError(c, 400, 'bad_request', `Filtre non pris en charge : ${filter}.`);
	}
	const since =
		c.req.query('since') === 'now'
			? a.db.update_seq
			: intParam(c, 'since', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
	return {
		since,
		limit: intParam(c, 'limit', { min: 1, max: MAX_LIMIT, fallback: MAX_LIMIT }),
		docIds,
		allDocs: c.req.query('style') === 'all_docs',
		includeDocs: flag(c, 'include_docs'),
		conflicts: flag(c, 'conflicts'),
		timeout: intParam(c, 'timeout', { min: 0, max: MAX_WAIT_MS, fallback: MAX_WAIT_MS }),
		heartbeat: heartbeatOf(c)
	};
}

function changesHandler(c: Context<SyncEnv>, a: Access): Promise<Response> {
	return parseQuery(c, a).then((q) => {
		if (q instanceof Response) return q;
		const reader = new DocReader(a.store, a.db.name);
		const read = () => readChanges(a.store, reader, a.db.name, q);
		const first = read();
		if (c.req.query('feed') !== 'longpoll' || first.results.length) return c.json(first);
		return longpoll(a.db.name, read, q.timeout, q.heartbeat);
	});
}

/** Waits for the next commit on the database, sending a newline every `heartbeat` ms meanwhile. */
function longpoll(
	dbName: string,
	read: () => unknown,
	timeout: number,
	heartbeat: number
): Response {
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let done = false;
			const finish = () => {
				if (done) return;
				stop();
				try {
					controller.enqueue(encoder.encode(JSON.stringify(read()) + '\n'));
					controller.close();
				} catch {
					// The client went away or the database was closed: nothing to answer.
				}
			};
			const beat = heartbeat
				? setInterval(() => controller.enqueue(encoder.encode('\n')), heartbeat)
				: undefined;
			const timer = setTimeout(finish, timeout);
			const off = onNextChange(dbName, finish);
			stop = () => {
				done = true;
				clearInterval(beat);
				clearTimeout(timer);
				off();
			};
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, { headers: { 'Content-Type': 'application/json' } });
}

export function changesRoutes(app: Hono<SyncEnv>) {
	app.get('/:db/_changes', withDb(changesHandler));
	app.post('/:db/_changes', withDb(changesHandler));
}
