// Whether the server can be reached, as one reactive source of truth for the banner, the status
// bar, the sync controller and every network-only action (they read `connectivity.online` and
// show NEEDS_NETWORK instead of failing).
//
// `navigator.onLine` is only trusted when it says `false`: a page opened on a dead or captive
// network, or in some Chromium builds after going offline, reports `true`. So evidence decides:
// a request that got no answer at all (network error; a 4xx/5xx is an answer) makes us
// "unreachable" until a request or a light probe of `/api/health` succeeds. The probe backs off
// (2 s doubling to 1 min, jittered) and runs at once on `online` and when the page becomes
// visible again.
import { backoffDelay } from '$sync/backoff';

/** Shown next to a disabled network-only action. */
export const NEEDS_NETWORK =
	'Cette action nécessite une connexion internet. Vos saisies restent enregistrées sur cet appareil.';

/**
 * - `online`: the last evidence says the server answers (or nothing said otherwise yet);
 * - `offline`: the browser says it has no network (`navigator.onLine === false`);
 * - `unreachable`: the browser claims a network but requests get no answer; probing.
 */
export type ConnectivityState = 'online' | 'offline' | 'unreachable';

/** What the state machine needs from the browser; tests pass fakes. */
export interface ConnectivityEnv {
	/** `navigator.onLine`; only `false` is believed. */
	browserOnline(): boolean;
	/** One light request; true when the server answered as itself. */
	probe(): Promise<boolean>;
	/** Subscribes to the browser's hints; returns the unsubscribe. */
	on(hint: 'online' | 'offline' | 'visible', listener: () => void): () => void;
	random(): number;
}

/** The part the sync controller uses (so its tests can pass a fake). */
export interface NetworkEvidence {
	readonly online: boolean;
	/** A request got an HTTP answer (any status). */
	reached(): void;
	/** A request got no answer at all (not an abort). */
	failed(): void;
	/** Called with the new value each time `online` changes; returns the unsubscribe. */
	subscribe(listener: (online: boolean) => void): () => void;
}

export const PROBE_BASE_MS = 2_000;
export const PROBE_MAX_MS = 60_000;

export class Connectivity implements NetworkEvidence {
	state = $state<ConnectivityState>('online');

	#env: ConnectivityEnv | null = null;
	#unlisten: (() => void)[] = [];
	#listeners: ((online: boolean) => void)[] = [];
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#probing = false;

	constructor(env?: ConnectivityEnv) {
		if (env) this.attach(env);
	}

	get online(): boolean {
		return this.state === 'online';
	}

	/** Starts following the browser (once, at module load in the app). */
	attach(env: ConnectivityEnv): void {
		this.detach();
		this.#env = env;
		this.state = env.browserOnline() ? 'online' : 'offline';
		this.#unlisten = [
			env.on('offline', () => this.#browserOffline()),
			env.on('online', () => this.#checkNow()),
			env.on('visible', () => {
				if (!this.online) this.#checkNow();
			})
		];
	}

	detach(): void {
		for (const unlisten of this.#unlisten) unlisten();
		this.#unlisten = [];
		this.#clearTimer();
		this.#env = null;
	}

	reached(): void {
		this.#attempt = 0;
		this.#clearTimer();
		this.#set('online');
	}

	failed(): void {
		if (this.state === 'offline') return; // the browser's `online` event will tell
		this.#set('unreachable');
		this.#schedule();
	}

	subscribe(listener: (online: boolean) => void): () => void {
		this.#listeners = [...this.#listeners, listener];
		return () => {
			this.#listeners = this.#listeners.filter((l) => l !== listener);
		};
	}

	#browserOffline(): void {
		this.#attempt = 0;
		this.#clearTimer();
		this.#set('offline');
	}

	/** `online` event or page visible again: ask now, with a fresh backoff. */
	#checkNow(): void {
		this.#attempt = 0;
		this.#clearTimer();
		if (this.state === 'offline') this.#set('unreachable');
		void this.#probe();
	}

	#schedule(): void {
		if (!this.#env || this.#timer !== null || this.#probing) return;
		this.#attempt += 1;
		const delay = backoffDelay(this.#attempt, this.#env.random, {
			baseMs: PROBE_BASE_MS,
			maxMs: PROBE_MAX_MS
		});
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#probe();
		}, delay);
	}

	async #probe(): Promise<void> {
		const env = this.#env;
		if (!env || this.#probing) return;
		if (!env.browserOnline()) return this.#browserOffline();
		this.#probing = true;
		let ok = false;
		try {
			ok = await env.probe();
		} catch {
			ok = false;
		} finally {
			this.#probing = false;
		}
		if (this.#env !== env || this.state === 'offline') return; // the browser went offline meanwhile
		if (ok) this.reached();
		else this.failed();
	}

	#set(state: ConnectivityState): void {
		const was = this.online;
		this.state = state;
		if (was === this.online) return;
		for (const listener of this.#listeners) listener(this.online);
	}

	#clearTimer(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

const PROBE_TIMEOUT_MS = 10_000;

/** GET /api/health, uncached, without cookies; a captive portal's page does not count. */
export async function probeHealth(fetchFn: typeof fetch = fetch): Promise<boolean> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
	try {
		const response = await fetchFn('/api/health', {
			cache: 'no-store',
			credentials: 'omit',
			headers: { accept: 'application/json' },
			signal: controller.signal
		});
		if (!response.ok) return false;
		const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
		return body?.status === 'ok';
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}

function browserEnv(): ConnectivityEnv {
	return {
		browserOnline: () => navigator.onLine !== false,
		probe: () => probeHealth(),
		on(hint, listener) {
			if (hint === 'visible') {
				const onChange = () => {
					if (document.visibilityState === 'visible') listener();
				};
				document.addEventListener('visibilitychange', onChange);
				return () => document.removeEventListener('visibilitychange', onChange);
			}
			window.addEventListener(hint, listener);
			return () => window.removeEventListener(hint, listener);
		},
		random: Math.random
	};
}

/** True for the error of a request we cancelled ourselves: not evidence about the network. */
export function isAbort(error: unknown): boolean {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { name?: unknown }).name === 'AbortError'
	);
}

export const connectivity = new Connectivity(
	typeof window === 'undefined' ? undefined : browserEnv()
);
