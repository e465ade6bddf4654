// Reading issued invoices and credit notes (table `invoices`, migration 016) and what they owe:
// the rows as stored, and their balance (credit notes, recorded payments).
import type { Db } from '../db';
import { cachedStatement } from '../db/statement-cache';
import type { InvoiceBalance, InvoiceKind } from '../../src/lib/domain/invoice';

export interface InvoiceRow {
	id: string;
	number: string;
	year: number;
	seq: number;
	kind: InvoiceKind;
	run_id: string | null;
	credits_invoice_id: string | null;
	contract_id: string;
	household_id: string;
	child_id: string;
	child_name: string;
	structure_id: string;
	structure_name: string;
	month: string;
	issued_at: number;
	issue_date: string;
	due_date: string;
	amount_cents: number;
	lines: string;
	computation: string;
	family_name: string;
	family_address: string;
	payer_email: string | null;
	paperless: 0 | 1;
	reason: string | null;
	created_by: string | null;
	delivered_at: number | null;
}

export const INVOICE_SELECT = `SELECT i.*, s.name AS structure_name FROM invoices i
	JOIN structures s ON s.id = i.structure_id`;

export function loadInvoice(db: Db, id: string): InvoiceRow | undefined {
	return cachedStatement(db, `${INVOICE_SELECT} WHERE i.id = ?`).get(id) as InvoiceRow | undefined;
}

/** What an invoice amounts to, what credit notes took off and what was paid (status 'paid'). */
export function invoiceBalance(db: Db, invoiceId: string): InvoiceBalance {
	const row = cachedStatement(
		db,
		`SELECT i.kind, i.amount_cents, i.due_date,
			(SELECT coalesce(sum(a.amount_cents), 0) FROM invoices a
				WHERE a.credits_invoice_id = i.id) AS credited,
			(SELECT coalesce(sum(p.amount_cents), 0) FROM payments p
				WHERE p.invoice_id = i.id AND p.status = 'paid') AS paid
		 FROM invoices i WHERE i.id = ?`
	).get(invoiceId) as
		| { kind: InvoiceKind; amount_cents: number; due_date: string; credited: number; paid: number }
		| undefined;
	if (!row) throw new Error(`invoice ${invoiceId} not found`);
	return {
		kind: row.kind,
		amountCents: row.amount_cents,
		creditedCents: row.credited,
		paidCents: row.paid,
		dueDate: row.due_date
	};
}

/** ISO instant of the latest recorded payment of an invoice, if any. */
export function lastPaidAt(db: Db, invoiceId: string): string | null {
	const row = cachedStatement(
		db,
		`SELECT max(paid_at) AS at FROM payments WHERE invoice_id = ? AND status = 'paid'`
	).get(invoiceId) as { at: string | null };
	return row.at;
}
