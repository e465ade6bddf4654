// « Payer »: a parent starts paying one of its household's invoices online. The amount is what is
// still due now (credit notes and recorded payments taken off). An attempt started less than
// 15 minutes ago for that same amount is reused (its idOp is still valid); any other attempt in
// progress is first settled with the provider, then set aside, so two idOp are never open at
// once for the same invoice (index payments_one_pending).
import { randomUUID } from 'node:crypto';
import { amountDueCents, invoiceStatus } from '../../../src/lib/domain/invoice';
import { todayInParis } from '../../../src/lib/domain/validation';
import type { AppDeps, SessionUser } from '../../http/env';
import { ApiError } from '../../http/errors';
import { invoiceBalance, loadInvoice } from '../invoice-rows';
import { paymentById, pendingAttempt } from './payments';
import { PaymentProviderError } from './provider';
import { recordResult } from './record';
import { paymentProvider } from './registry';

/** PayFiP's idOp is valid 15 minutes. */
export const IDOP_VALID_MS = 15 * 60_000;
/** An attempt still without idOp this long after it was reserved: its creation failed. */
const RESERVATION_MS = 60_000;

export const PAYMENTS_OFF = 'Le paiement en ligne n’est pas disponible pour le moment.';

/** A provider fault as the French error the family reads (never a 500). */
export function providerError(err: unknown): ApiError {
	if (err instanceof PaymentProviderError) {
		if (err.code === 'disabled') return new ApiError(503, 'payments_off', PAYMENTS_OFF);
		if (err.unavailable)
			return new ApiError(
				503,
				'provider_unavailable',
				'Le service de paiement PayFiP ne répond pas pour le moment. Réessayez dans quelques minutes.'
			);
		return new ApiError(
			502,
			'provider_error',
			'Le service de paiement PayFiP n’a pas pu traiter la demande. Réessayez plus tard, ou payez auprès du Trésor public avec la référence de la facture.'
		);
	}
	throw err;
}

/** refdet: the invoice number without its dash (F2027-000001 → F2027000001). */
export const refdetOf = (number: string) => number.replace(/[^A-Za-z0-9]/g, '');

export async function startPayment(
	deps: AppDeps,
	user: SessionUser,
	invoiceId: string
): Promise<{ paymentId: string; url: string }> {
	const { db } = deps;
	const provider = paymentProvider(db);
	const inv = loadInvoice(db, invoiceId);
	if (!inv || !user.householdId || inv.household_id !== user.householdId)
		throw new ApiError(404, 'not_found', 'Cette facture n’existe pas.');
	if (inv.kind !== 'invoice')
		throw new ApiError(
			409,
			'credit_note',
			`${inv.number} est un avoir : il ne se paie pas, il réduit ce que vous devez sur la facture qu’il corrige.`
		);
	if (!provider) throw new ApiError(503, 'payments_off', PAYMENTS_OFF);

	const previous = pendingAttempt(db, invoiceId);
	if (previous) {
		const age = deps.clock.now() - previous.created_at;
		const due = amountDueCents(invoiceBalance(db, invoiceId));
		if (previous.idop && age < IDOP_VALID_MS && previous.amount_cents === due)
			return { paymentId: previous.id, url: provider.paymentPageUrl(previous.idop) };
		if (!previous.idop && age < RESERVATION_MS)
			throw new ApiError(
				409,
				'payment_starting',
				'Un paiement de cette facture est en cours de préparation. Réessayez dans un instant.'
			);
		if (previous.idop) {
			try {
				await recordResult(deps, previous.idop);
			} catch {
				// The provider cannot say: the attempt is set aside; a late 'paid' still counts.
			}
		}
		const now = deps.clock.now();
		db.prepare(
			`UPDATE payments SET status = CASE WHEN idop IS NULL THEN 'failed' ELSE 'expired' END,
				result_code = coalesce(result_code, 'superseded'), updated_at = ? WHERE id = ? AND status = 'pending'`
		).run(now, previous.id);
	}

	const now = deps.clock.now();
	const balance = invoiceBalance(db, invoiceId);
	const due = amountDueCents(balance);
	if (due === 0) {
		const status = invoiceStatus(balance, todayInParis(new Date(now)));
		throw new ApiError(
			409,
			status === 'cancelled' ? 'nothing_due' : 'already_paid',
			status === 'cancelled'
				? `La facture ${inv.number} est annulée par avoir : il n’y a rien à payer.`
				: `La facture ${inv.number} est déjà payée.`
		);
	}
	const id = randomUUID();
	const refdet = refdetOf(inv.number);
	try {
		db.prepare(
			`INSERT INTO payments (id, invoice_id, household_id, user_id, provider, refdet, amount_cents,
				mel, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'payfip', ?, ?, ?, 'pending', ?, ?)`
		).run(id, inv.id, inv.household_id, user.id, refdet, due, user.email, now, now);
	} catch (err) {
		if (err instanceof Error && /UNIQUE/.test(err.message))
			throw new ApiError(
				409,
				'payment_starting',
				'Un paiement de cette facture est en cours de préparation. Réessayez dans un instant.'
			);
		throw err;
	}
	let idop: string;
	try {
		({ idop } = await provider.create({
			refdet,
			exer: inv.year,
			objet: `Facture ${refdet} creche`,
			amountCents: due,
			mel: user.email,
			urlnotif: `${deps.config.publicUrl}/api/payfip/notification`,
			urlredirect: `${deps.config.publicUrl}/api/payfip/retour`
		}));
	} catch (err) {
		db.prepare(
			`UPDATE payments SET status = 'failed', result_code = ?, updated_at = ? WHERE id = ? AND status = 'pending'`
		).run(err instanceof PaymentProviderError ? err.code : 'error', deps.clock.now(), id);
		throw providerError(err);
	}
	db.prepare('UPDATE payments SET idop = ?, updated_at = ? WHERE id = ?').run(
		idop,
		deps.clock.now(),
		id
	);
	return { paymentId: paymentById(db, id)!.id, url: provider.paymentPageUrl(idop) };
}
