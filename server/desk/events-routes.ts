// The desk's live feed: GET /api/agent/events, server-sent events, one `request` event per
// request_events row ({number, status, type, action}), its id the row's. A client that reconnects
// with Last-Event-ID (header) or ?lastEventId= gets what it missed first; without one the feed
// starts from now. A comment every 20 s keeps proxies from closing an idle connection.
import { Hono } from 'hono';
import type { Db } from '../db';
import type { AppEnv } from '../http/env';
import { requestEventsBus } from './event-bus';

export const SSE_PING_INTERVAL_MS = 20_000;
/** How long a browser waits before reconnecting after the connection drops. */
export const SSE_RETRY_MS = 3_000;
const BATCH = 500;

interface EventRow {
	id: number;
	number: number;
	status: string;
	action: string;
	type: string;
}

function latestEventId(db: Db): number {
	return (
		db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM request_events').get() as { id: number }
	).id;
}

function startingCursor(db: Db, header: string | undefined, query: string | undefined): number {
	const raw = (header ?? query ?? '').trim();
	return /^\d{1,15}$/.test(raw) ? Number(raw) : latestEventId(db);
}

export const eventsRoutes = new Hono<AppEnv>().get('/events', (c) => {
	const { db } = c.var.deps;
	let cursor = startingCursor(db, c.req.header('Last-Event-ID'), c.req.query('lastEventId'));
	const after = db.prepare(
		`SELECT e.id, e.number, e.status, e.action, r.type FROM request_events e
		 JOIN requests r ON r.id = e.request_id WHERE e.id > ? ORDER BY e.id LIMIT ${BATCH}`
	);
	const bus = requestEventsBus(db);
	const signal = c.req.raw.signal;
	const encoder = new TextEncoder();
	let close = () => {};

	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let closed = false;
			const send = (text: string) => {
				if (closed) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					close();
				}
			};
			const flush = () => {
				for (;;) {
					const rows = after.all(cursor) as EventRow[];
					for (const r of rows) {
						const data = JSON.stringify({
							number: r.number,
							status: r.status,
							type: r.type,
							action: r.action
						});
						send(`id: ${r.id}\nevent: request\ndata: ${data}\n\n`);
						cursor = r.id;
					}
					if (rows.length < BATCH || closed) return;
				}
			};
			const ping = setInterval(() => send(': ping\n\n'), SSE_PING_INTERVAL_MS);
			close = () => {
				if (closed) return;
				closed = true;
				clearInterval(ping);
				bus.off('changed', flush);
				bus.off('shutdown', close);
				signal.removeEventListener('abort', close);
				try {
					controller.close();
				} catch {
					// already closed or cancelled by the client
				}
			};
			send(`retry: ${SSE_RETRY_MS}\n\n`);
			flush();
			bus.on('changed', flush);
			bus.on('shutdown', close); // the server stops: end the stream so the connection closes
			if (signal.aborted) close();
			else signal.addEventListener('abort', close);
		},
		cancel() {
			close();
		}
	});
	return c.body(stream, 200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-store',
		'X-Accel-Buffering': 'no'
	});
});
