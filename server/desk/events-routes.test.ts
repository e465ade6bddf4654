// The desk's live feed (GET /api/agent/events): a request a family pushes from its device shows up
// at a connected agent; a reconnecting agent gets what it missed; a closed connection leaves nothing
// behind.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, signedInParent, signedInStaff, type Harness } from '../test/harness';
import { requestEventsBus } from './event-bus';
import { recordRequestEvent } from './events';
import { SSE_PING_INTERVAL_MS } from './events-routes';
import { familyDevice, listen, sseReader } from './test-support';
import type { RunningServer } from '../../sync/server/test-harness';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

const listeners = () => requestEventsBus(h.db).listenerCount('changed');

describe('GET /api/agent/events', () => {
	it('streams a request submitted from a family device to a connected agent, as text/event-stream', async () => {
		const agent = await signedInStaff(h);
		const family = await familyDevice(h, server);
		const before = listeners();
		const res = await h.call('GET', '/api/agent/events', undefined, agent.jar);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-accel-buffering')).toBe('no');
		const sse = sseReader(res);
		expect(await sse.next()).toEqual({ retry: '3000' });
		await family.submit();
		const event = await sse.nextRequest();
		const number = (h.db.prepare('SELECT MAX(number) AS n FROM requests').get() as { n: number }).n;
		expect(event).toEqual({
			id: expect.any(Number),
			number,
			status: 'Déposée',
			type: 'preinscription',
			action: 'submit'
		});
		expect(listeners()).toBe(before + 1);
		await sse.cancel();
		expect(listeners()).toBe(before); // closing the connection removes its listener
	});

	it('streams a change of a request (an agent takes it) with its new status', async () => {
		const agent = await signedInStaff(h);
		const family = await familyDevice(h, server);
		await family.submit();
		const { id, number } = h.db
			.prepare('SELECT id, number FROM requests ORDER BY number DESC LIMIT 1')
			.get() as { id: string; number: number };
		const sse = sseReader(await h.call('GET', '/api/agent/events', undefined, agent.jar));
		await sse.next(); // retry
		h.db.transaction(() =>
			recordRequestEvent(
				h.db,
				{
					requestId: id,
					number,
					action: 'take',
					status: 'En cours d’instruction',
					actorId: agent.id,
					actorName: 'Agnès Instructrice'
				},
				h.clock.now()
			)
		)();
		expect(await sse.nextRequest()).toMatchObject({
			number,
			status: 'En cours d’instruction',
			type: 'preinscription',
			action: 'take'
		});
		await sse.cancel();
	});

	it('resumes after Last-Event-ID (header or ?lastEventId=) with the events missed, and starts from now without it', async () => {
		const agent = await signedInStaff(h);
		const family = await familyDevice(h, server);
		const first = await h.call('GET', '/api/agent/events', undefined, agent.jar);
		const live = sseReader(first);
		await live.next(); // retry
		await family.submit();
		const seen = await live.nextRequest();
		await live.cancel(); // the agent's connection drops…
		await family.submit(); // …while two more requests arrive
		await family.submit();

		const byHeader = sseReader(
			await h.call('GET', '/api/agent/events', undefined, agent.jar, {
				'last-event-id': String(seen.id)
			})
		);
		const missed = [await byHeader.nextRequest(), await byHeader.nextRequest()];
		expect(missed.map((e) => e.number)).toEqual([seen.number + 1, seen.number + 2]);
		expect(missed[0].id).toBeGreaterThan(seen.id);
		await byHeader.cancel();

		const byQuery = sseReader(
			await h.call('GET', `/api/agent/events?lastEventId=${missed[0].id}`, undefined, agent.jar)
		);
		expect((await byQuery.nextRequest()).number).toBe(seen.number + 2);
		await byQuery.cancel();

		// Without a cursor: nothing old is replayed, the next new request is the first event.
		const fresh = sseReader(await h.call('GET', '/api/agent/events', undefined, agent.jar));
		await fresh.next(); // retry
		await family.submit();
		expect((await fresh.nextRequest()).number).toBe(seen.number + 3);
		await fresh.cancel();
	});

	it('aborting the request closes the stream and removes its listener and ping timer', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		try {
			const agent = await signedInStaff(h);
			const before = listeners();
			const abort = new AbortController();
			// A connection closed by the client's reader…
			await sseReader(await h.call('GET', '/api/agent/events', undefined, agent.jar)).cancel();
			expect(listeners()).toBe(before);
			// …and one whose request is aborted (the browser navigates away).
			const init = {
				headers: { cookie: agent.jar.header() },
				signal: abort.signal
			};
			const streamed = await h.app.request('http://localhost:3000/api/agent/events', init);
			const sse = sseReader(streamed);
			await sse.next(); // retry
			expect(listeners()).toBe(before + 1);
			vi.advanceTimersByTime(SSE_PING_INTERVAL_MS);
			expect(await sse.next()).toEqual({ comment: 'ping' });
			abort.abort();
			expect(listeners()).toBe(before);
			expect(vi.getTimerCount()).toBe(0);
		} finally {
			vi.useRealTimers();
		}
	});

	it('a server shutting down ends every live feed (its HTTP connections can close)', async () => {
		const agent = await signedInStaff(h);
		const before = listeners();
		const sse = sseReader(await h.call('GET', '/api/agent/events', undefined, agent.jar));
		await sse.next(); // retry
		requestEventsBus(h.db).emit('shutdown');
		await expect(sse.next()).rejects.toThrow('the event stream ended');
		expect(listeners()).toBe(before);
	});

	it('a parent gets 403 and an anonymous caller 401', async () => {
		expect((await h.call('GET', '/api/agent/events')).status).toBe(401);
		const parent = await signedInParent(h);
		expect((await h.call('GET', '/api/agent/events', undefined, parent.jar)).status).toBe(403);
	});
});
