// The staff desk's live state: how many requests wait in the inbox (the navigation's count and
// the tab title), kept fresh by the server-sent events of /api/agent/events. Pages subscribe to
// the `request` events to refresh what they show. EventSource reconnects by itself with
// Last-Event-ID; when the server ends the stream for good (signed out, restart), we reopen it
// a few seconds later with ?lastEventId= so no change is missed.
import { deskApi, eventsUrl } from './api';
import type { RequestEvent } from './types';

/** What LiveDesk needs from the browser; tests pass fakes. */
export interface LiveDeskEnv {
	openEvents(url: string): EventSourceLike;
	fetchCount(): Promise<number | null>;
	setTimer(run: () => void, ms: number): () => void;
}

export interface EventSourceLike {
	readonly readyState: number;
	onerror: ((event: Event) => void) | null;
	onopen: ((event: Event) => void) | null;
	addEventListener(type: 'request', listener: (event: MessageEvent<string>) => void): void;
	close(): void;
}

const CLOSED = 2;
export const REOPEN_MS = 5_000;

export class LiveDesk {
	/** Requests waiting (Déposée, Pièces reçues); null until known. */
	count = $state<number | null>(null);
	/** Whether the live stream is open (else the count may be late). */
	live = $state(false);

	#env: LiveDeskEnv;
	#source: EventSourceLike | null = null;
	#lastEventId: string | null = null;
	#cancelReopen: (() => void) | null = null;
	#listeners: ((event: RequestEvent) => void)[] = [];
	#counting = false;
	#countAgain = false;

	constructor(env: LiveDeskEnv) {
		this.#env = env;
	}

	/** Opens the stream and reads the count; returns the stop. */
	start(): () => void {
		void this.refreshCount();
		this.#open();
		return () => this.stop();
	}

	stop(): void {
		this.#cancelReopen?.();
		this.#cancelReopen = null;
		this.#source?.close();
		this.#source = null;
		this.live = false;
	}

	/** Called with each `request` event; returns the unsubscribe. */
	onRequest(listener: (event: RequestEvent) => void): () => void {
		this.#listeners = [...this.#listeners, listener];
		return () => {
			this.#listeners = this.#listeners.filter((l) => l !== listener);
		};
	}

	/** Reads the count; calls while one read runs make one more read after it, not one each. */
	async refreshCount(): Promise<void> {
		if (this.#counting) {
			this.#countAgain = true;
			return;
		}
		this.#counting = true;
		try {
			do {
				this.#countAgain = false;
				const count = await this.#env.fetchCount();
				if (count !== null) this.count = count;
			} while (this.#countAgain);
		} finally {
			this.#counting = false;
		}
	}

	/** Back online: read the count and reopen the stream at once if it had ended. */
	reconnect(): void {
		void this.refreshCount();
		if (!this.#source || this.#source.readyState === CLOSED) this.#open();
	}

	#open(): void {
		this.#cancelReopen?.();
		this.#cancelReopen = null;
		this.#source?.close();
		const source = this.#env.openEvents(eventsUrl(this.#lastEventId));
		this.#source = source;
		source.onopen = () => {
			this.live = true;
			void this.refreshCount(); // what changed while the stream was down
		};
		source.onerror = () => {
			this.live = false;
			if (source.readyState === CLOSED && this.#source === source) {
				this.#cancelReopen = this.#env.setTimer(() => this.#open(), REOPEN_MS);
			}
		};
		source.addEventListener('request', (message) => {
			if (message.lastEventId) this.#lastEventId = message.lastEventId;
			const event = parseRequestEvent(message.data);
			if (!event) return;
			void this.refreshCount();
			for (const listener of this.#listeners) listener(event);
		});
	}
}

export function parseRequestEvent(data: string): RequestEvent | null {
	try {
		const value = JSON.parse(data) as Partial<RequestEvent>;
		if (typeof value.number !== 'number' || typeof value.status !== 'string') return null;
		return value as RequestEvent;
	} catch {
		return null;
	}
}

function browserEnv(): LiveDeskEnv {
	return {
		openEvents: (url) => new EventSource(url, { withCredentials: true }),
		fetchCount: async () => {
			const result = await deskApi.inboxCount();
			return result.ok ? result.data.count : null;
		},
		setTimer: (run, ms) => {
			const timer = setTimeout(run, ms);
			return () => clearTimeout(timer);
		}
	};
}

let instance: LiveDesk | null = null;

/** The page's one LiveDesk (created on first use, in the browser). */
export function liveDesk(): LiveDesk {
	instance ??= new LiveDesk(browserEnv());
	return instance;
}
