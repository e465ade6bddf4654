// Interrupted payments: an attempt still pending 2 minutes after it started (the payer closed the
// page, the notification was lost) is settled by asking PayFiP: a result is recorded (once, as
// for a notification); P5 (in progress) → asked again at the next pass; P1, or no result 20
// minutes after the start → 'expired'. An attempt that never got its idOp is 'failed'. An attempt
// set aside for a newer one is asked about too while it could still have been paid.
// At start and every minute, like the other jobs.
import type { AppDeps } from '../../http/env';
import { PaymentProviderError } from './provider';
import { GIVE_UP_MS, recordResult } from './record';

export const RECONCILE_AFTER_MS = 2 * 60_000;

/** One pass: returns how many attempts were asked about. */
export async function reconcilePayments(deps: AppDeps, limit = 50): Promise<number> {
	const { db } = deps;
	const now = deps.clock.now();
	db.prepare(
		`UPDATE payments SET status = 'failed', result_code = coalesce(result_code, 'no_idop'),
			updated_at = ? WHERE status = 'pending' AND idop IS NULL AND created_at < ?`
	).run(now, now - RECONCILE_AFTER_MS);
	// Also the attempts a newer one set aside while their idOp was still valid: the payer may have
	// paid in the old tab, its notification lost; asked until they are 20 minutes old.
	const due = db
		.prepare(
			`SELECT idop FROM payments WHERE idop IS NOT NULL AND created_at < ?
				AND (status = 'pending' OR (status = 'expired' AND result_code = 'superseded' AND created_at > ?))
			 ORDER BY coalesce(checked_at, 0), created_at LIMIT ?`
		)
		.all(now - RECONCILE_AFTER_MS, now - GIVE_UP_MS, limit) as { idop: string }[];
	for (const { idop } of due) {
		try {
			await recordResult(deps, idop);
		} catch (err) {
			if (!(err instanceof PaymentProviderError)) throw err;
			if (err.unavailable) break; // PayFiP is down: the next pass asks again
		}
	}
	return due.length;
}

export interface PaymentReconcileJob {
	stop(): void;
}

export function startPaymentReconcile(deps: AppDeps, everyMs = 60_000): PaymentReconcileJob {
	let running = false;
	const run = () => {
		if (running) return;
		running = true;
		reconcilePayments(deps)
			.catch((err) => console.error('[payment] reconcile failed', err))
			.finally(() => (running = false));
	};
	run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
