// Delivers outbox rows one by one, retrying failures with backoff. A crash between sending and
// marking sent can resend once (at-least-once); the stable Message-ID lets receivers deduplicate.
import type { Clock } from '../clock';
import type { Db } from '../db';
import { dueMessages, markFailed, markSent, type OutgoingMail } from './outbox';
import type { MailTransport } from './transport';

export interface OutboxWorker {
	/** Processes everything due now; resolves when done. */
	drain(): Promise<number>;
	/** Asks for a drain soon (coalesced). */
	kick(): void;
	stop(): Promise<void>;
}

export function startOutboxWorker(
	db: Db,
	transport: MailTransport,
	clock: Clock,
	{ intervalMs = 5_000, log = console } = {}
): OutboxWorker {
	let running: Promise<number> | null = null;
	let stopped = false;
	let kicked = false;

	async function drainOnce(): Promise<number> {
		let sent = 0;
		for (const row of dueMessages(db, clock.now())) {
			if (stopped) break;
			const payload = JSON.parse(row.payload) as { mail: OutgoingMail };
			try {
				if (row.kind !== 'mail') throw new Error(`unknown outbox kind ${row.kind}`);
				await transport.send(payload.mail, row.id);
				markSent(db, row.id, clock.now());
				sent++;
			} catch (error) {
				const message = error instanceof Error ? error.message : String(error);
				markFailed(db, row.id, row.attempts + 1, message, clock.now());
				log.warn(
					`[outbox] message ${row.id} not delivered (attempt ${row.attempts + 1}): ${message}`
				);
			}
		}
		return sent;
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
			transport.close();
		}
	};
}
