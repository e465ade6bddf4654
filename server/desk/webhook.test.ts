// The signed webhook against a real HTTP receiver on loopback that checks every signature: down
// (connection refused, then 503) for a while, every event arrives once it is back, in order per
// request, while another request's events go on; admins see the delivery log.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { demoMailboxTransport } from '../mail/transport';
import { startOutboxWorker } from '../mail/worker';
import { enqueue } from '../mail/outbox';
import { ManualClock } from '../clock';
import { createHarness, signedInStaff, type Harness } from '../test/harness';
import { recordRequestEvent } from './events';
import { familyDevice, listen } from './test-support';
import { webhookCall, webhookDispatcher, webhookSignature } from './webhook';
import type { RunningServer } from '../../sync/server/test-harness';

const SECRET = 'secret-du-webhook-de-test';
const quiet = { warn() {} };

interface Received {
	eventId: number;
	body: Record<string, unknown>;
	headers: IncomingHttpHeaders;
}

/** The service's software: verifies X-Signature, answers 204, or 503 while told to fail. */
function receiver() {
	const state = {
		received: [] as Received[],
		badSignatures: 0,
		/** Request numbers answered 503 (all when 'all'). */
		failing: new Set<number>() as Set<number> | 'all',
		hang: false,
		port: 0,
		server: null as Server | null,
		async start(port = 0) {
			const server = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c: Buffer) => chunks.push(c));
				req.on('end', () => {
					if (state.hang) return; // never answers
					const raw = Buffer.concat(chunks);
					const expected = Buffer.from(
						`sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`
					);
					const given = Buffer.from(String(req.headers['x-signature'] ?? ''));
					if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
						state.badSignatures++;
						res.writeHead(401).end();
						return;
					}
					const body = JSON.parse(raw.toString('utf8'));
					if (state.failing === 'all' || state.failing.has(body.number)) {
						res.writeHead(503).end();
						return;
					}
					state.received.push({ eventId: Number(body.id), body, headers: req.headers });
					res.writeHead(204).end();
				});
			});
			await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
			state.server = server;
			state.port = (server.address() as AddressInfo).port;
		},
		async stop() {
			const server = state.server;
			state.server = null;
			if (!server) return;
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
	return state;
}

let rx: ReturnType<typeof receiver>;
let h: Harness;
let app: RunningServer;
beforeAll(async () => {
	rx = receiver();
	await rx.start();
	h = createHarness({
		webhookUrl: `http://127.0.0.1:${rx.port}/hook`,
		webhookSecret: SECRET
	});
	app = await listen(h.app);
});
afterAll(async () => {
	await app.close();
	await rx.stop();
});

/** An agent's action on a request, recorded as ACTIONS does (inside its transaction). */
function act(number: number, action: string, status: string) {
	const { id } = h.db.prepare('SELECT id FROM requests WHERE number = ?').get(number) as {
		id: string;
	};
	return h.db.transaction(() =>
		recordRequestEvent(
			h.db,
			{ requestId: id, number, action, status, actorId: null, actorName: 'Agnès Instructrice' },
			h.clock.now()
		)
	)();
}
const lastNumber = () =>
	(h.db.prepare('SELECT MAX(number) AS n FROM requests').get() as { n: number }).n;
const lastEventId = () =>
	(h.db.prepare('SELECT MAX(id) AS n FROM request_events').get() as { n: number }).n;

describe('signed webhook', () => {
	it('delivers every event once the receiver is back, in order per request, others going on meanwhile', async () => {
		const worker = startOutboxWorker(
			h.db,
			demoMailboxTransport(h.db, () => h.clock.now()),
			h.clock,
			{
				log: quiet,
				dispatchers: [webhookDispatcher({ url: h.config.webhookUrl!, secret: SECRET })]
			}
		);
		const port = rx.port;
		await rx.stop(); // down: connection refused
		const familyA = await familyDevice(h, app);
		const familyB = await familyDevice(h, app);
		await familyA.submit();
		const a = lastNumber();
		const aSubmit = lastEventId();
		await familyB.submit();
		const b = lastNumber();
		const bSubmit = lastEventId();
		await worker.drain();
		const aTake = act(a, 'take', 'En cours d’instruction');
		const aAsk = act(a, 'ask-pieces', 'Pièces demandées');
		const bTake = act(b, 'take', 'En cours d’instruction');
		h.clock.advance(10_000);
		await worker.drain();

		const admin = await signedInStaff(h, 'admin');
		const log = async () =>
			(await (await h.call('GET', '/api/agent/webhooks/deliveries', undefined, admin.jar)).json())
				.items as { eventId: number; status: string; attempts: number; lastError: string }[];
		const down = await log();
		const byEvent = (items: Awaited<ReturnType<typeof log>>, id: number) =>
			items.find((i) => i.eventId === id)!;
		expect(byEvent(down, aSubmit)).toMatchObject({
			status: 'failing',
			attempts: 2,
			lastError: 'Le destinataire est injoignable (ECONNREFUSED).'
		});
		// A's later events have not even been tried: they wait behind A's first one.
		expect(byEvent(down, aTake)).toMatchObject({ status: 'pending', attempts: 0 });
		expect(byEvent(down, aAsk)).toMatchObject({ status: 'pending', attempts: 0 });

		// Back, but answering 503 to everything, then to A's events only.
		await rx.start(port);
		rx.failing = 'all';
		h.clock.advance(20_000);
		await worker.drain();
		expect(byEvent(await log(), bSubmit)).toMatchObject({
			status: 'failing',
			lastError: 'Le destinataire a répondu 503 Service Unavailable.'
		});
		rx.failing = new Set([a]);
		h.clock.advance(60_000);
		await worker.drain();
		expect(rx.received.map((r) => r.eventId)).toEqual([bSubmit, bTake]); // B goes on
		expect(byEvent(await log(), aTake).status).toBe('pending');

		rx.failing = new Set();
		for (let i = 0; i < 10 && rx.received.length < 5; i++) {
			h.clock.advance(120_000);
			await worker.drain();
		}
		const order = rx.received.map((r) => r.eventId);
		expect([...order].sort((x, y) => x - y)).toEqual([aSubmit, bSubmit, aTake, aAsk, bTake]);
		expect(order.filter((id) => [aSubmit, aTake, aAsk].includes(id))).toEqual([
			aSubmit,
			aTake,
			aAsk
		]);
		expect(rx.badSignatures).toBe(0);
		const first = rx.received.find((r) => r.eventId === aSubmit)!;
		expect(first.headers['content-type']).toBe('application/json');
		expect(first.headers['x-event-id']).toBe(String(aSubmit));
		expect(first.body).toEqual({
			id: String(aSubmit),
			type: 'request.submitted',
			number: a,
			status: 'Déposée',
			requestType: 'preinscription',
			occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
		});
		expect(rx.received.find((r) => r.eventId === aAsk)!.body).toMatchObject({
			type: 'request.status_changed',
			number: a,
			status: 'Pièces demandées'
		});
		const done = await log();
		expect(done.every((d) => d.status === 'delivered' && d.lastError === null)).toBe(true);
		expect(byEvent(done, aSubmit).attempts).toBeGreaterThanOrEqual(4);
		await worker.stop();
	});

	it('the delivery log is for admins only', async () => {
		const agent = await signedInStaff(h, 'staff');
		const res = await h.call('GET', '/api/agent/webhooks/deliveries', undefined, agent.jar);
		expect(res.status).toBe(403);
		expect((await res.json()).error.message).toBe('Vous n’avez pas accès à cette page.');
	});

	it('gives up an attempt after its timeout and retries it later', async () => {
		rx.failing = new Set();
		rx.hang = true;
		const db = openDatabase(':memory:');
		const clock = new ManualClock();
		const call = webhookCall({
			eventId: 1,
			action: 'submit',
			number: 999,
			status: 'Déposée',
			requestType: 'preinscription',
			at: clock.now()
		});
		enqueue(db, { kind: 'webhook', webhook: call }, clock.now(), 'request:x');
		const worker = startOutboxWorker(
			db,
			demoMailboxTransport(db, () => clock.now()),
			clock,
			{
				log: quiet,
				dispatchers: [
					webhookDispatcher({ url: h.config.webhookUrl!, secret: SECRET, timeoutMs: 300 })
				]
			}
		);
		expect(await worker.drain()).toBe(0);
		expect(db.prepare('SELECT attempts, last_error, next_attempt_at FROM outbox').get()).toEqual({
			attempts: 1,
			last_error: 'Pas de réponse du destinataire en 0,3 s.',
			next_attempt_at: clock.now() + 10_000
		});
		rx.hang = false;
		clock.advance(10_000);
		expect(await worker.drain()).toBe(1);
		expect(webhookSignature(SECRET, call.body)).toBe(
			`sha256=${createHmac('sha256', SECRET).update(call.body).digest('hex')}`
		);
		await worker.stop();
	});
});
