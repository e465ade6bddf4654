// Recording a payment's result, once. The result is always read from the provider
// (recupererDetailPaiementSecurise), never taken from a notification or the browser's return;
// the row moves out of 'pending' in one guarded UPDATE, so however many notifications, returns
// and checks arrive, in whatever order, the payment is recorded once: one 'paid' row, one audit
// line, one receipt mail, and the family's svc:invoice rewritten (« Payée »).
// A 'paid' result is also accepted on an attempt we had set aside ('expired': superseded by a
// newer attempt, or given up after 20 minutes): the money was taken, it must count.
import { audit } from '../../audit/audit';
import type { AppDeps } from '../../http/env';
import { enqueueMail } from '../../mail/outbox';
import { paymentReceivedMail } from '../../mail/templates';
import { writeInvoiceDoc } from '../invoice-doc';
import { loadInvoice } from '../invoice-rows';
import { paymentById, paymentByIdop, type PaymentRow } from './payments';
import type { PaymentResult } from './provider';
import { paymentProvider } from './registry';

/** An idOp without a result this long after its creation is given up ('expired'). */
export const GIVE_UP_MS = 20 * 60_000;

const ASKABLE = new Set(['pending', 'expired']);

/**
 * Asks the provider for the result of `idop` and records it. Returns the payment as it now
 * stands, or undefined for an idop the app never created. Throws PaymentProviderError when the
 * provider cannot answer (the row stays as it was).
 */
export async function recordResult(deps: AppDeps, idop: string): Promise<PaymentRow | undefined> {
	const payment = paymentByIdop(deps.db, idop);
	if (!payment || !ASKABLE.has(payment.status)) return payment;
	const provider = paymentProvider(deps.db);
	if (!provider) return payment;
	const result = await provider.result(idop);
	applyResult(deps, payment.id, result);
	return paymentById(deps.db, payment.id);
}

/** Applies a provider's result to an attempt; true when it recorded the payment just now. */
export function applyResult(deps: AppDeps, paymentId: string, result: PaymentResult): boolean {
	const { db } = deps;
	const now = deps.clock.now();
	const paid = db.transaction(() => {
		const p = paymentById(db, paymentId);
		if (!p) return false;
		switch (result.state) {
			case 'paid': {
				const paidAt = result.paidAt ?? new Date(now).toISOString();
				const amount = result.amountCents && result.amountCents > 0 ? result.amountCents : null;
				const changed = db
					.prepare(
						`UPDATE payments SET status = 'paid', result_code = ?, means = ?, numauto = ?, paid_at = ?,
							amount_cents = coalesce(?, amount_cents), updated_at = ?, checked_at = ?, checks = checks + 1
						 WHERE id = ? AND status IN ('pending', 'expired')`
					)
					.run(
						result.resultrans ?? 'P',
						result.means ?? null,
						result.numauto ?? null,
						paidAt,
						amount,
						now,
						now,
						p.id
					).changes;
				if (!changed) return false;
				const inv = loadInvoice(db, p.invoice_id);
				const amountCents = amount ?? p.amount_cents;
				audit(
					db,
					{
						actorId: null,
						action: 'billing.payment',
						householdId: p.household_id,
						detail: {
							number: inv?.number,
							amountCents,
							idop: p.idop,
							resultrans: result.resultrans ?? 'P',
							...(amount !== null && amount !== p.amount_cents
								? { askedCents: p.amount_cents }
								: {})
						}
					},
					now
				);
				const person = p.user_id
					? (db.prepare('SELECT civility, last_name FROM users WHERE id = ?').get(p.user_id) as
							{ civility: string | null; last_name: string } | undefined)
					: undefined;
				enqueueMail(
					db,
					paymentReceivedMail(
						p.mel,
						{ civility: person?.civility ?? null, lastName: person?.last_name ?? '' },
						{
							number: inv?.number ?? p.refdet,
							amountCents,
							paidAt,
							means: result.means ?? null,
							link: `${deps.config.publicUrl}/espace/factures`
						}
					),
					now
				);
				return true;
			}
			case 'refused':
			case 'cancelled':
				db.prepare(
					`UPDATE payments SET status = ?, result_code = ?, means = ?, updated_at = ?, checked_at = ?,
						checks = checks + 1 WHERE id = ? AND status = 'pending'`
				).run(result.state, result.resultrans ?? null, result.means ?? null, now, now, p.id);
				return false;
			case 'unknown':
				// P1: PayFiP does not know the operation (never paid, or purged): given up.
				db.prepare(
					`UPDATE payments SET status = 'expired', result_code = 'P1', updated_at = ?, checked_at = ?,
						checks = checks + 1 WHERE id = ? AND status = 'pending'`
				).run(now, now, p.id);
				return false;
			case 'pending':
				// P5: still in progress; given up once the idOp is long dead without a result.
				db.prepare(
					`UPDATE payments SET checked_at = ?, checks = checks + 1,
						status = CASE WHEN created_at < ? THEN 'expired' ELSE status END,
						result_code = CASE WHEN created_at < ? THEN 'P5' ELSE result_code END,
						updated_at = ? WHERE id = ? AND status = 'pending'`
				).run(now, now - GIVE_UP_MS, now - GIVE_UP_MS, now, p.id);
				return false;
		}
	})();
	if (paid) {
		const p = paymentById(db, paymentId)!;
		try {
			writeInvoiceDoc(deps, p.invoice_id);
		} catch (err) {
			// The payment is recorded; the document is rewritten by the next change or delivery.
			console.error('[payment] svc:invoice not rewritten', err);
		}
		deps.kickOutbox();
	}
	return paid;
}
