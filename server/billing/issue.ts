// Issuing invoices: the family as printed (the household's reference parent at issue time), the
// PDF, and the insert with its legal number. A number is taken from `invoice_sequences` in the
// transaction of the invoice it numbers, so numbers are gapless per year and kind. PDFs are made
// before the transaction (pdf-lib is asynchronous) with the numbers the sequence will give; the
// transaction checks the sequence did not move meanwhile, else the caller makes them again.
import { randomUUID } from 'node:crypto';
import { invoiceNumber, type InvoiceKind } from '../../src/lib/domain/invoice';
import type { Db } from '../db';
import { cachedStatement } from '../db/statement-cache';

export interface Family {
	name: string;
	address: string[];
	email: string | null;
}

/** « Madame Fernande HUBY » and the postal address of the household's reference parent. */
export function familyForInvoice(db: Db, householdId: string): Family {
	const u = cachedStatement(
		db,
		`SELECT civility, first_names, last_name, email, address_number, address_street, address_building,
			address_apartment, address_complement, address_postal_code, address_city
		 FROM users WHERE household_id = ? AND role = 'parent' ORDER BY created_at, id LIMIT 1`
	).get(householdId) as Record<string, string | null> | undefined;
	if (!u) return { name: 'Famille', address: [], email: null };
	const line = (...parts: (string | null)[]) => parts.filter(Boolean).join(' ').trim();
	return {
		name: line(u.civility, u.first_names, (u.last_name ?? '').toUpperCase()),
		address: [
			line(u.address_number, u.address_street),
			line(u.address_building, u.address_apartment, u.address_complement),
			line(u.address_postal_code, u.address_city)
		].filter((l) => l !== ''),
		email: u.email
	};
}

const SEQ_KIND: Record<InvoiceKind, 'F' | 'A'> = { invoice: 'F', credit_note: 'A' };

/** The last number given for a year and kind (0 when none yet). */
export function lastSeq(db: Db, year: number, kind: InvoiceKind): number {
	const row = cachedStatement(
		db,
		'SELECT last FROM invoice_sequences WHERE year = ? AND kind = ?'
	).get(year, SEQ_KIND[kind]) as { last: number } | undefined;
	return row?.last ?? 0;
}

/** Moves the sequence from `expected` to `to`; false when it had moved (someone else numbered). */
export function advanceSeq(
	db: Db,
	year: number,
	kind: InvoiceKind,
	expected: number,
	to: number
): boolean {
	if (lastSeq(db, year, kind) !== expected) return false;
	cachedStatement(
		db,
		`INSERT INTO invoice_sequences (year, kind, last) VALUES (?, ?, ?)
		 ON CONFLICT (year, kind) DO UPDATE SET last = excluded.last`
	).run(year, SEQ_KIND[kind], to);
	return true;
}

export interface NewInvoice {
	kind: InvoiceKind;
	year: number;
	seq: number;
	runId: string | null;
	creditsInvoiceId: string | null;
	contractId: string;
	householdId: string;
	childId: string;
	childName: string;
	structureId: string;
	month: string;
	issuedAt: number;
	issueDate: string;
	dueDate: string;
	amountCents: number;
	lines: unknown;
	computation: unknown;
	family: Family;
	paperless: boolean;
	reason: string | null;
	createdBy: string | null;
	pdf: Uint8Array;
}

/** Inserts an invoice and its PDF (inside the caller's transaction); returns its id. */
export function insertInvoice(db: Db, inv: NewInvoice): string {
	const id = randomUUID();
	cachedStatement(
		db,
		`INSERT INTO invoices (id, number, year, seq, kind, run_id, credits_invoice_id, contract_id,
			household_id, child_id, child_name, structure_id, month, issued_at, issue_date, due_date,
			amount_cents, lines, computation, family_name, family_address, payer_email, paperless, reason,
			created_by)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		id,
		invoiceNumber(inv.kind, inv.year, inv.seq),
		inv.year,
		inv.seq,
		inv.kind,
		inv.runId,
		inv.creditsInvoiceId,
		inv.contractId,
		inv.householdId,
		inv.childId,
		inv.childName,
		inv.structureId,
		inv.month,
		inv.issuedAt,
		inv.issueDate,
		inv.dueDate,
		inv.amountCents,
		JSON.stringify(inv.lines),
		JSON.stringify(inv.computation),
		inv.family.name,
		JSON.stringify(inv.family.address),
		inv.family.email,
		inv.paperless ? 1 : 0,
		inv.reason,
		inv.createdBy
	);
	cachedStatement(db, 'INSERT INTO invoice_pdfs (invoice_id, pdf) VALUES (?, ?)').run(
		id,
		Buffer.from(inv.pdf)
	);
	return id;
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(day: string, n: number): string {
	return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
