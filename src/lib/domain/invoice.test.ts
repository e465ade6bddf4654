// Payment status of invoices as the family and the desk read them.
import { describe, expect, it } from 'vitest';
import { amountDueCents, invoiceNumber, invoiceStatus, type InvoiceBalance } from './invoice';

const balance = (over: Partial<InvoiceBalance> = {}): InvoiceBalance => ({
	kind: 'invoice',
	amountCents: 22736,
	creditedCents: 0,
	paidCents: 0,
	dueDate: '2026-12-26',
	...over
});

describe('invoiceStatus', () => {
	it('to pay, late after the due date, paid, cancelled by credit notes, a credit note', () => {
		expect(invoiceStatus(balance(), '2026-12-26')).toBe('to_pay');
		expect(invoiceStatus(balance(), '2026-12-27')).toBe('late');
		expect(invoiceStatus(balance({ paidCents: 22736 }), '2027-01-10')).toBe('paid');
		expect(invoiceStatus(balance({ creditedCents: 22736 }), '2027-01-10')).toBe('cancelled');
		expect(invoiceStatus(balance({ creditedCents: 2736, paidCents: 20000 }), '2027-01-10')).toBe(
			'paid'
		);
		expect(invoiceStatus(balance({ kind: 'credit_note' }), '2026-12-01')).toBe('credit');
	});

	it('an invoice of 0 € (deductions took the whole month) owes nothing and was never cancelled', () => {
		const zero = balance({ amountCents: 0 });
		expect(amountDueCents(zero)).toBe(0);
		expect(invoiceStatus(zero, '2027-01-10')).toBe('paid');
	});

	it('numbers: F2027-000001 and A2027-000001', () => {
		expect(invoiceNumber('invoice', 2027, 1)).toBe('F2027-000001');
		expect(invoiceNumber('credit_note', 2027, 12)).toBe('A2027-000012');
	});
});
