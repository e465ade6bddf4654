// Payment attempts as stored (table `payments`, migrations 016 and 017).
import type { Db } from '../../db';
import { cachedStatement } from '../../db/statement-cache';

export type PaymentStatus = 'pending' | 'paid' | 'refused' | 'cancelled' | 'expired' | 'failed';

export interface PaymentRow {
	id: string;
	invoice_id: string;
	household_id: string;
	user_id: string | null;
	provider: string;
	idop: string | null;
	refdet: string;
	amount_cents: number;
	mel: string;
	status: PaymentStatus;
	result_code: string | null;
	means: 'card' | 'debit' | null;
	numauto: string | null;
	paid_at: string | null;
	created_at: number;
	updated_at: number;
	checked_at: number | null;
	checks: number;
}

export function paymentById(db: Db, id: string): PaymentRow | undefined {
	return cachedStatement(db, 'SELECT * FROM payments WHERE id = ?').get(id) as
		PaymentRow | undefined;
}

export function paymentByIdop(db: Db, idop: string): PaymentRow | undefined {
	return cachedStatement(db, 'SELECT * FROM payments WHERE idop = ?').get(idop) as
		PaymentRow | undefined;
}

/** The invoice's attempt in progress (at most one: index payments_one_pending). */
export function pendingAttempt(db: Db, invoiceId: string): PaymentRow | undefined {
	return cachedStatement(
		db,
		"SELECT * FROM payments WHERE invoice_id = ? AND status = 'pending'"
	).get(invoiceId) as PaymentRow | undefined;
}
