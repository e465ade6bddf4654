// The live desk against a fake EventSource: each `request` event refreshes the count and reaches
// the page; a stream the server ended is reopened after the last event seen.
import { describe, expect, it } from 'vitest';
import { LiveDesk, REOPEN_MS, type EventSourceLike, type LiveDeskEnv } from './live-desk.svelte';

class FakeSource implements EventSourceLike {
	readyState = 0;
	onerror: ((event: Event) => void) | null = null;
	onopen: ((event: Event) => void) | null = null;
	listeners: ((event: MessageEvent<string>) => void)[] = [];
	closed = false;
	constructor(readonly url: string) {}
	addEventListener(_type: 'request', listener: (event: MessageEvent<string>) => void) {
		this.listeners.push(listener);
	}
	close() {
		this.closed = true;
		this.readyState = 2;
	}
	emit(id: string, data: unknown) {
		const event = { data: JSON.stringify(data), lastEventId: id } as MessageEvent<string>;
		for (const listener of this.listeners) listener(event);
	}
}

function setup() {
	const sources: FakeSource[] = [];
	const timers: { run: () => void; ms: number }[] = [];
	let serverCount = 2;
	const counted = { calls: 0 };
	const env: LiveDeskEnv = {
		openEvents: (url) => {
			const source = new FakeSource(url);
			sources.push(source);
			return source;
		},
		fetchCount: async () => {
			counted.calls += 1;
			return serverCount;
		},
		setTimer: (run, ms) => {
			timers.push({ run, ms });
			return () => {};
		}
	};
	return {
		desk: new LiveDesk(env),
		sources,
		timers,
		counted,
		setCount: (n: number) => (serverCount = n)
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('live desk', () => {
	it('shows the inbox count and updates it on each request event', async () => {
		const { desk, sources, setCount } = setup();
		const seen: number[] = [];
		desk.onRequest((event) => seen.push(event.number));
		desk.start();
		await settle();
		expect(desk.count).toBe(2);
		expect(sources[0]!.url).toBe('/api/agent/events');

		setCount(3);
		sources[0]!.emit('41', { number: 17, status: 'Déposée', type: 'preinscription' });
		await settle();
		expect(desk.count).toBe(3);
		expect(seen).toEqual([17]);
	});

	it('ignores a malformed event', async () => {
		const { desk, sources } = setup();
		const seen: number[] = [];
		desk.onRequest((event) => seen.push(event.number));
		desk.start();
		sources[0]!.emit('1', 'not json');
		sources[0]!.emit('2', { status: 'Déposée' });
		expect(seen).toEqual([]);
	});

	it('reopens a stream the server ended, after the last event it delivered', async () => {
		const { desk, sources, timers } = setup();
		desk.start();
		sources[0]!.onopen?.(new Event('open'));
		expect(desk.live).toBe(true);
		sources[0]!.emit('41', { number: 17, status: 'Déposée' });
		sources[0]!.readyState = 2;
		sources[0]!.onerror?.(new Event('error'));
		expect(desk.live).toBe(false);
		expect(timers.map((t) => t.ms)).toEqual([REOPEN_MS]);
		timers[0]!.run();
		expect(sources[1]!.url).toBe('/api/agent/events?lastEventId=41');
	});

	it('leaves a stream that is reconnecting by itself alone', () => {
		const { desk, sources, timers } = setup();
		desk.start();
		sources[0]!.readyState = 0; // CONNECTING: EventSource retries with Last-Event-ID
		sources[0]!.onerror?.(new Event('error'));
		expect(timers).toEqual([]);
		expect(sources).toHaveLength(1);
	});

	it('stop closes the stream', () => {
		const { desk, sources } = setup();
		const stop = desk.start();
		stop();
		expect(sources[0]!.closed).toBe(true);
	});

	it('a burst of events reads the count twice, not once per event', async () => {
		const { desk, sources, counted, setCount } = setup();
		desk.start();
		await settle();
		counted.calls = 0;
		for (let i = 1; i <= 20; i += 1) sources[0]!.emit(String(i), { number: i, status: 'Déposée' });
		setCount(22);
		await settle();
		expect(counted.calls).toBe(2);
		expect(desk.count).toBe(22);
	});
});
