// Test helpers for billing: an issued invoice written as H-run writes it (for the 409 rules).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';

/** An issued invoice for the month (what H-run writes), enough for the 409 rules. */
export function invoiceFor(db: Db, contractId: string, month: string) {
	const seq =
		((db.prepare('SELECT MAX(seq) FROM invoices').pluck().get() as number | null) ?? 0) + 1;
	const c = db.prepare('SELECT * FROM contracts WHERE id = ?').get(contractId) as {
		household_id: string;
		child_id: string;
		child_name: string;
		structure_id: string;
	};
	db.prepare(
		`INSERT INTO invoices (id, number, year, seq, kind, contract_id, household_id, child_id, child_name,
			structure_id, month, issued_at, issue_date, due_date, amount_cents, lines, computation,
			family_name, family_address, paperless)
		 VALUES (?, ?, 2026, ?, 'invoice', ?, ?, ?, ?, ?, ?, 0, '2026-11-01', '2026-12-01', 1000, '[]', '{}',
			'Madame Claire EXEMPLE', '[]', 0)`
	).run(
		randomUUID(),
		`F2026-${String(seq).padStart(6, '0')}`,
		seq,
		contractId,
		c.household_id,
		c.child_id,
		c.child_name,
		c.structure_id,
		month
	);
}
