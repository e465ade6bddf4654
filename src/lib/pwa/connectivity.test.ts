// The connectivity state machine against a fake browser: `navigator.onLine === true` is not
// believed against failed requests, probes back off from 2 s to 1 min, and `online` or a page
// becoming visible ask again at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connectivity, isAbort, probeHealth, type ConnectivityEnv } from './connectivity.svelte';

type Hint = 'online' | 'offline' | 'visible';

interface FakeBrowser {
	navigatorOnLine: boolean;
	/** What the next probes answer. */
	serverAnswers: boolean;
	probes: number;
	emit(hint: Hint): void;
	env: ConnectivityEnv;
}

function fakeBrowser(initiallyOnline = true): FakeBrowser {
	const listeners = new Map<Hint, Set<() => void>>();
	const fake: FakeBrowser = {
		navigatorOnLine: initiallyOnline,
		serverAnswers: false,
		probes: 0,
		emit(hint) {
			if (hint === 'online') fake.navigatorOnLine = true;
			if (hint === 'offline') fake.navigatorOnLine = false;
			for (const listener of listeners.get(hint) ?? []) listener();
		},
		env: {
			browserOnline: () => fake.navigatorOnLine,
			probe: async () => {
				fake.probes += 1;
				return fake.serverAnswers;
			},
			on(hint, listener) {
				if (!listeners.has(hint)) listeners.set(hint, new Set());
				listeners.get(hint)!.add(listener);
				return () => listeners.get(hint)!.delete(listener);
			},
			random: () => 1 // the longest step of each backoff interval: easy to reason about
		}
	};
	return fake;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Connectivity', () => {
	it('starts from navigator.onLine, but only believes its "false"', () => {
		expect(new Connectivity(fakeBrowser(false).env).state).toBe('offline');
		const browser = fakeBrowser(true);
		const connectivity = new Connectivity(browser.env);
		expect(connectivity.online).toBe(true);
		// navigator.onLine still says true, yet the request got no answer.
		connectivity.failed();
		expect(connectivity.state).toBe('unreachable');
		expect(connectivity.online).toBe(false);
	});

	it('after a failed request, probes with a backoff of 2 s doubling up to 1 min', async () => {
		const browser = fakeBrowser();
		const connectivity = new Connectivity(browser.env);
		connectivity.failed();
		connectivity.failed(); // more failures do not add probes or speed the backoff up
		const probeTimes: number[] = [];
		let last = Date.now();
		for (let i = 0; i < 8; i++) {
			const before = browser.probes;
			while (browser.probes === before) await vi.advanceTimersByTimeAsync(100);
			probeTimes.push(Date.now() - last);
			last = Date.now();
		}
		expect(probeTimes.map((ms) => Math.round(ms / 1000))).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
		expect(connectivity.state).toBe('unreachable');
	});

	it('a successful probe or request means online again, and tells subscribers once', async () => {
		const browser = fakeBrowser();
		const connectivity = new Connectivity(browser.env);
		const changes: boolean[] = [];
		connectivity.subscribe((online) => changes.push(online));
		connectivity.failed();
		browser.serverAnswers = true;
		await vi.advanceTimersByTimeAsync(2_000);
		expect(connectivity.state).toBe('online');
		expect(changes).toEqual([false, true]);
		// A request answered (any HTTP status) also counts, and stops the probes.
		connectivity.failed();
		connectivity.reached();
		const probes = browser.probes;
		await vi.advanceTimersByTimeAsync(120_000);
		expect(browser.probes).toBe(probes);
		expect(changes).toEqual([false, true, false, true]);
	});

	it('navigator "offline" means offline at once, without probing', async () => {
		const browser = fakeBrowser();
		const connectivity = new Connectivity(browser.env);
		browser.emit('offline');
		expect(connectivity.state).toBe('offline');
		connectivity.failed();
		expect(connectivity.state).toBe('offline');
		await vi.advanceTimersByTimeAsync(120_000);
		expect(browser.probes).toBe(0);
	});

	it('"online" asks the server at once; only its answer makes us online', async () => {
		const browser = fakeBrowser(false);
		const connectivity = new Connectivity(browser.env);
		browser.emit('online');
		expect(connectivity.state).toBe('unreachable'); // the browser's word is not enough
		await vi.advanceTimersByTimeAsync(0);
		expect(browser.probes).toBe(1);
		expect(connectivity.state).toBe('unreachable'); // dead or captive network
		browser.serverAnswers = true;
		await vi.advanceTimersByTimeAsync(2_000);
		expect(connectivity.state).toBe('online');
	});

	it('a page becoming visible probes at once and restarts the backoff', async () => {
		const browser = fakeBrowser();
		const connectivity = new Connectivity(browser.env);
		connectivity.failed();
		await vi.advanceTimersByTimeAsync(2_000 + 4_000 + 8_000 + 16_000); // 4 probes, next in 32 s
		expect(browser.probes).toBe(4);
		browser.serverAnswers = true;
		browser.emit('visible');
		await vi.advanceTimersByTimeAsync(0);
		expect(browser.probes).toBe(5);
		expect(connectivity.online).toBe(true);
		// Visible while online: nothing to ask.
		browser.emit('visible');
		await vi.advanceTimersByTimeAsync(0);
		expect(browser.probes).toBe(5);
	});

	it('ignores a probe answer that arrives after the browser went offline', async () => {
		const browser = fakeBrowser();
		let answer!: (ok: boolean) => void;
		const connectivity = new Connectivity({
			...browser.env,
			probe: () => new Promise<boolean>((resolve) => (answer = resolve))
		});
		connectivity.failed();
		await vi.advanceTimersByTimeAsync(2_000);
		browser.emit('offline');
		answer(true);
		await vi.advanceTimersByTimeAsync(0);
		expect(connectivity.state).toBe('offline');
	});
});

describe('probeHealth', () => {
	const respond =
		(body: string, status = 200) =>
		async () =>
			new Response(body, { status, headers: { 'content-type': 'application/json' } });

	it('succeeds only on the server’s own health answer, uncached and without cookies', async () => {
		const calls: RequestInit[] = [];
		const ok = await probeHealth(async (_url, init) => {
			calls.push(init ?? {});
			return respond('{"status":"ok"}')();
		});
		expect(ok).toBe(true);
		expect(calls[0]).toMatchObject({ cache: 'no-store', credentials: 'omit' });
		// A captive portal's login page, a proxy error or no answer at all do not count.
		expect(await probeHealth(respond('<html>Portail Wi-Fi</html>'))).toBe(false);
		expect(await probeHealth(respond('{"error":"bad gateway"}', 502))).toBe(false);
		expect(
			await probeHealth(async () => {
				throw new TypeError('Failed to fetch');
			})
		).toBe(false);
	});
});

describe('isAbort', () => {
	it('tells our own cancellations from network failures', () => {
		expect(isAbort(new DOMException('The user aborted a request.', 'AbortError'))).toBe(true);
		expect(isAbort(new TypeError('Failed to fetch'))).toBe(false);
		expect(isAbort(null)).toBe(false);
	});
});
