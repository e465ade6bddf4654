// GET|POST /{db}/_changes: normal and longpoll feeds, heartbeat, timeout, filter=_doc_ids (S-CHG-*).
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../server/http/env';
import { withDb, type Access } from './access';
import { onNextChange } from './changes-bus';
import { readChanges, type ChangesQuery } from './changes';
import { couchError } from './errors';
import { flag, isRecord, jsonBody } from './http-util';
import { DocReader } from './read';

/** A longpoll with nothing new answers empty after this, and the client polls again. */
const MAX_WAIT_MS = 60_000;
const MAX_LIMIT = 10_000;

async function parseQuery(c: Context<AppEnv>, a: Access): Promise<ChangesQuery | Response> {
	let docIds: string[] | null = null;
	const filter = c.req.query('filter');
	if (filter === '_doc_ids') {
		const raw =
			c.req.method === 'POST'
				? await jsonBody(c)
				: { doc_ids: JSON.parse(c.req.query('doc_ids') ?? '[]') as unknown };
		const ids = isRecord(raw) ? raw.doc_ids : null;
		if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string'))
			return couchError(c, 400, 'bad_request', 'doc_ids doit être une liste d’identifiants.');
		docIds = ids as string[];
	} else if (filter) {
		return couchError(c, 400, 'bad_request', `Filtre non pris en charge : ${filter}.`);
	}
	const sinceParam = c.req.query('since') ?? '0';
	const since = sinceParam === 'now' ? a.db.update_seq : Number.parseInt(sinceParam, 10) || 0;
	const limit = Math.min(Number.parseInt(c.req.query('limit') ?? '', 10) || MAX_LIMIT, MAX_LIMIT);
	return {
		since,
		limit,
		docIds,
		allDocs: c.req.query('style') === 'all_docs',
		includeDocs: flag(c, 'include_docs'),
		conflicts: flag(c, 'conflicts')
	};
}

function changesHandler(c: Context<AppEnv>, a: Access): Promise<Response> {
	return parseQuery(c, a).then((q) => {
		if (q instanceof Response) return q;
		const reader = new DocReader(a.store, a.db.name);
		const read = () => readChanges(a.store, reader, a.db.name, q);
		const first = read();
		if (c.req.query('feed') !== 'longpoll' || first.results.length) return c.json(first);
		const timeout = Math.min(Number(c.req.query('timeout')) || MAX_WAIT_MS, MAX_WAIT_MS);
		const heartbeat = Number(c.req.query('heartbeat')) || 0;
		return longpoll(a.db.name, read, timeout, heartbeat);
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

export function changesRoutes(app: Hono<AppEnv>) {
	app.get('/:db/_changes', withDb(changesHandler));
	app.post('/:db/_changes', withDb(changesHandler));
}
