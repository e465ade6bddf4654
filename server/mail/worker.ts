// Delivers outbox rows through the dispatcher of their kind ('mail', 'webhook'), retrying failures
// with that kind's backoff. Kinds run side by side: a failing webhook receiver never delays a mail.
// A crash between sending and marking sent can resend once (at-least-once); the stable Message-ID
// (mail) or event id (webhook) lets receivers deduplicate.
import type { Clock } from '../clock';
import type { Db } from '../db';
import { mailDispatcher, type Dispatcher } from './dispatch';
import { dueMessages, dueOfUnknownKinds, markFailed, markSent, retryDelayMs } from './outbox';
import type { MailTransport } from './transport';

export interface OutboxWorker {
	/** Processes everything due now; resolves when done. */
	drain(): Promise<number>;
	/** Asks for a drain soon (coalesced). */
	kick(): void;
	stop(): Promise<void>;
}

export interface OutboxWorkerOptions {
	intervalMs?: number;
	log?: Pick<Console, 'warn'>;
	/** Dispatchers of the other kinds ('mail' is built from the transport). */
	dispatchers?: Dispatcher[];
}

export function startOutboxWorker(
	db: Db,
	transport: MailTransport,
	clock: Clock,
	{ intervalMs = 5_000, log = console, dispatchers = [] }: OutboxWorkerOptions = {}
): OutboxWorker {
	const registry = new Map<string, Dispatcher>();
	for (const d of [mailDispatcher(transport), ...dispatchers]) registry.set(d.kind, d);
	let running: Promise<number> | null = null;
	let stopped = false;
	let kicked = false;

	async function lane(dispatcher: Dispatcher): Promise<number> {
		let sent = 0;
		// Rows blocked behind an earlier row of their ordering key become due as soon as it is sent:
		// keep going while a pass delivered something.
		for (let pass = 0; pass < 50 && !stopped; pass++) {
			const rows = dueMessages(db, clock.now(), dispatcher.kind);
			let delivered = 0;
			for (const row of rows) {
				if (stopped) break;
				try {
					await dispatcher.deliver(row);
					markSent(db, row.id, clock.now());
					delivered++;
				} catch (error) {
					const message = error instanceof Error ? error.message : String(error);
					const attempts = row.attempts + 1;
					markFailed(db, row.id, attempts, message, clock.now(), dispatcher.retryDelayMs(attempts));
					log.warn(
						`[outbox] ${row.kind} ${row.id} not delivered (attempt ${attempts}): ${message}`
					);
				}
			}
			sent += delivered;
			if (delivered === 0) break;
		}
		return sent;
	}

	function parkUnknownKinds() {
		const now = clock.now();
		for (const row of dueOfUnknownKinds(db, now, [...registry.keys()])) {
			const attempts = row.attempts + 1;
			markFailed(
				db,
				row.id,
				attempts,
				`no dispatcher for outbox kind "${row.kind}": kept pending`,
				now,
				retryDelayMs(attempts)
			);
			log.warn(`[outbox] ${row.kind} ${row.id}: no dispatcher for this kind, kept pending`);
		}
	}

	async function drainOnce(): Promise<number> {
		parkUnknownKinds();
		const counts = await Promise.all([...registry.values()].map(lane));
		return counts.reduce((a, b) => a + b, 0);
	}

	function drain(): Promise<number> {
		if (running) {
			kicked = true;
			return running;
		}
		running = drainOnce().finally(() => {
			running = null;
			if (kicked && !stopped) {
				kicked = false;
				void drain();
			}
		});
		return running;
	}

	const timer = setInterval(() => void drain(), intervalMs);
	timer.unref();
	return {
		drain,
		kick: () => void drain(),
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
			for (const d of registry.values()) d.close?.();
		}
	};
}
