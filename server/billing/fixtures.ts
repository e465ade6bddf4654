// Test and benchmark support: households with desk-entered contracts and their terms, written
// straight into SQLite (the contracts API is H-contracts'; this only sets the data a run reads).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import type { MonthTerms } from '../../src/lib/domain/invoice-month';

/** 3 000 € a month, 2 children, 37 h 30 a week over 5 days, 47 weeks, 12 months: 227,36 €. */
export const STANDARD_TERMS: MonthTerms = {
	minutesPerWeek: 2250,
	daysPerWeek: 5,
	weeksPerYear: 47,
	monthsBilled: 12,
	monthlyResourcesCents: 300000,
	dependentChildren: 2,
	aeehChildren: 0
};

export interface ContractFixture {
	householdId: string;
	childId?: string;
	childName?: string;
	structureId?: string;
	startDate?: string;
	endDate?: string | null;
	/** null: no terms entered (the contract is not billable). */
	terms?: MonthTerms | null;
	termsFrom?: string;
}

export function firstStructure(db: Db): { id: string; name: string } {
	return db.prepare('SELECT id, name FROM structures ORDER BY position, id LIMIT 1').get() as {
		id: string;
		name: string;
	};
}

export function insertContract(db: Db, f: ContractFixture, now = 0): string {
	const id = randomUUID();
	const startDate = f.startDate ?? '2026-01-05';
	db.prepare(
		`INSERT INTO contracts (id, household_id, origin, child_id, child_name, child_birth_date,
			structure_id, age_group, start_date, end_date, status, created_at)
		 VALUES (?, ?, 'desk', ?, ?, '2025-03-14', ?, 'toddlers', ?, ?, 'Admis', ?)`
	).run(
		id,
		f.householdId,
		f.childId ?? randomUUID(),
		f.childName ?? 'Léa EXEMPLE',
		f.structureId ?? firstStructure(db).id,
		startDate,
		f.endDate === undefined ? '2027-07-31' : f.endDate,
		now
	);
	const t = f.terms === undefined ? STANDARD_TERMS : f.terms;
	if (t)
		db.prepare(
			`INSERT INTO contract_terms (contract_id, effective_from, minutes_per_week, days_per_week,
				weeks_per_year, months_billed, monthly_resources_cents, resources_source, resources_date,
				dependent_children, aeeh_children, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			id,
			f.termsFrom ?? startDate,
			t.minutesPerWeek,
			t.daysPerWeek,
			t.weeksPerYear,
			t.monthsBilled,
			t.monthlyResourcesCents,
			t.monthlyResourcesCents === null ? 'none' : 'caf',
			t.monthlyResourcesCents === null ? null : '2025-12-01',
			t.dependentChildren,
			t.aeehChildren,
			now
		);
	return id;
}

/** A household and its reference parent (no password: not for signing in). */
export function insertHousehold(
	db: Db,
	lastName: string,
	n: number | string = randomUUID()
): string {
	const householdId = randomUUID();
	const iso = new Date(0).toISOString();
	db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(householdId, iso);
	db.prepare(
		`INSERT INTO users (id, username, username_key, email, email_key, password_hash, role, household_id,
			civility, last_name, first_names, address_number, address_street, address_postal_code,
			address_city, activated_at, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, 'x', 'parent', ?, 'Madame', ?, 'Fernande', '3', 'Rue du Test', '38200',
			'Vienne', ?, ?, ?)`
	).run(
		randomUUID(),
		`famille-${n}`,
		`famille-${n}`,
		`famille-${n}@test.localhost`,
		`famille-${n}@test.localhost`,
		householdId,
		lastName,
		iso,
		iso,
		iso
	);
	return householdId;
}

/** The household of a signed-in parent (by e-mail). */
export function householdOf(db: Db, email: string): string {
	return (
		db.prepare('SELECT household_id FROM users WHERE email = ?').get(email) as {
			household_id: string;
		}
	).household_id;
}
