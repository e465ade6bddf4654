// Billing rows built directly in SQLite for the tax certificate's tests: a desk contract with the
// child's birth date, issued invoices (numbered F<year>-…) and their payments, as the run and the
// payment flow write them.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { firstStructure, insertContract as insertDeskContract } from './fixtures';

/** A desk contract (H-run's fixture, no terms) with the child's birth date (null: unknown). */
export function insertContract(
	db: Db,
	c: { householdId: string; childId?: string; childName?: string; birthDate?: string | null }
): { id: string; childId: string } {
	const childId = c.childId ?? randomUUID();
	const id = insertDeskContract(db, {
		householdId: c.householdId,
		childId,
		childName: c.childName ?? 'Léa',
		terms: null
	});
	db.prepare('UPDATE contracts SET child_birth_date = ? WHERE id = ?').run(
		c.birthDate === undefined ? '2024-03-10' : c.birthDate,
		id
	);
	return { id, childId };
}

let seq = 0;
/** An issued invoice of `amountCents` for the contract's month ('YYYY-MM'). */
export function insertInvoice(
	db: Db,
	contract: { id: string; childId: string },
	householdId: string,
	month: string,
	amountCents: number,
	childName = 'Léa'
): string {
	const id = randomUUID();
	const year = Number(month.slice(0, 4));
	seq += 1;
	db.prepare(
		`INSERT INTO invoices (id, number, year, seq, kind, contract_id, household_id, child_id,
		 child_name, structure_id, month, issued_at, issue_date, due_date, amount_cents, lines,
		 computation, family_name, family_address, paperless)
		 VALUES (?, ?, ?, ?, 'invoice', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, '[]', '{}', 'Madame Alice TESTEUSE', '[]', 0)`
	).run(
		id,
		`F${year}-${String(seq).padStart(6, '0')}`,
		year,
		seq,
		contract.id,
		householdId,
		contract.childId,
		childName,
		firstStructure(db).id,
		month,
		`${month}-28`,
		`${month}-28`,
		amountCents
	);
	return id;
}

/** A payment of the invoice; `paidAt` ISO (status 'paid') or null (another status). */
export function insertPayment(
	db: Db,
	invoiceId: string,
	householdId: string,
	amountCents: number,
	paidAt: string | null,
	status: 'paid' | 'pending' | 'refused' = 'paid'
): void {
	db.prepare(
		`INSERT INTO payments (id, invoice_id, household_id, provider, idop, refdet, amount_cents,
		 mel, status, paid_at, created_at, updated_at)
		 VALUES (?, ?, ?, 'payfip', ?, ?, ?, 'parent@test.localhost', ?, ?, 0, 0)`
	).run(randomUUID(), invoiceId, householdId, randomUUID(), 'REF', amountCents, status, paidAt);
}
