// termsInForce and loadBillableContracts on a real SQLite database (migration 016's schema).
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { createHousehold, seedStructures } from '../seed/seed';
import { loadBillableContracts, monthBounds, termsInForce } from './contract-terms';

let db: Db;
let household: string;

beforeEach(() => {
	db = openDatabase(':memory:');
	seedStructures(db);
	household = createHousehold(db, 0);
});

function contract(childName: string, startDate: string, endDate: string | null = null): string {
	const id = randomUUID();
	db.prepare(
		`INSERT INTO contracts (id, household_id, origin, child_id, child_name, structure_id, age_group,
			start_date, end_date, status, created_at)
		 VALUES (?, ?, 'desk', ?, ?, 'cocon-de-soie', 'older', ?, ?, ?, 0)`
	).run(id, household, randomUUID(), childName, startDate, endDate, endDate ? 'Terminé' : 'Admis');
	return id;
}

function terms(
	contractId: string,
	effectiveFrom: string,
	hoursPerWeek: number,
	resources = 300000
) {
	db.prepare(
		`INSERT INTO contract_terms (contract_id, effective_from, minutes_per_week, days_per_week,
			weeks_per_year, months_billed, monthly_resources_cents, resources_source, resources_date,
			dependent_children, aeeh_children, created_at)
		 VALUES (?, ?, ?, 5, 47, 12, ?, 'caf', '2026-01-01', 2, 0, 0)`
	).run(contractId, effectiveFrom, hoursPerWeek * 60, resources);
}

function entry(contractId: string, month: string, kind: string, deleted = false) {
	const id = randomUUID();
	db.prepare(
		`INSERT INTO billing_entries (id, contract_id, month, kind, minutes, days, created_at, deleted_at)
		 VALUES (?, ?, ?, ?, ?, ?, 0, ?)`
	).run(
		id,
		contractId,
		month,
		kind,
		kind === 'extra_hours' ? 90 : null,
		kind === 'extra_hours' ? null : 2,
		deleted ? 1 : null
	);
	return id;
}

describe('termsInForce', () => {
	it('applies an amendment from its effective date on, the earlier terms before it', () => {
		const id = contract('Léa MARTIN', '2026-09-01');
		terms(id, '2026-09-01', 40);
		terms(id, '2027-01-01', 30);
		expect(termsInForce(db, id, '2026-08-31')).toBeNull();
		expect(termsInForce(db, id, '2026-09-01')?.minutesPerWeek).toBe(40 * 60);
		expect(termsInForce(db, id, '2026-12-31')?.minutesPerWeek).toBe(40 * 60);
		expect(termsInForce(db, id, '2027-01-01')?.minutesPerWeek).toBe(30 * 60);
		expect(termsInForce(db, id, '2027-06-15')?.minutesPerWeek).toBe(30 * 60);
	});
});

describe('loadBillableContracts', () => {
	it('gives each contract overlapping the month the terms in force on its 1st', () => {
		const id = contract('Léa MARTIN', '2026-09-01');
		terms(id, '2026-09-01', 40);
		terms(id, '2027-01-01', 30);
		const dec = loadBillableContracts(db, '2026-12');
		expect(dec).toHaveLength(1);
		expect(dec[0].contract).toMatchObject({
			id,
			childName: 'Léa MARTIN',
			structureId: 'cocon-de-soie',
			startDate: '2026-09-01',
			endDate: null,
			origin: 'desk'
		});
		expect(dec[0].contract.structureName).toBeTruthy();
		expect(dec[0].terms?.minutesPerWeek).toBe(40 * 60);
		expect(loadBillableContracts(db, '2027-01')[0].terms?.minutesPerWeek).toBe(30 * 60);
	});

	it('includes a contract starting mid-month with the terms of its start date', () => {
		const id = contract('Tom PETIT', '2026-09-14');
		terms(id, '2026-09-14', 25);
		const sept = loadBillableContracts(db, '2026-09');
		expect(sept).toHaveLength(1);
		expect(sept[0].terms?.effectiveFrom).toBe('2026-09-14');
		expect(loadBillableContracts(db, '2026-08')).toEqual([]);
	});

	it('includes a contract ending mid-month, excludes it the months after', () => {
		const id = contract('Emma ROUX', '2026-01-05', '2026-10-16');
		terms(id, '2026-01-05', 20);
		expect(loadBillableContracts(db, '2026-10').map((b) => b.contract.id)).toEqual([id]);
		expect(loadBillableContracts(db, '2026-10')[0].contract.endDate).toBe('2026-10-16');
		expect(loadBillableContracts(db, '2026-11')).toEqual([]);
	});

	it('lists a contract without terms with terms null (not billable, the run says so)', () => {
		const id = contract('Hugo BLANC', '2026-09-01');
		const [b] = loadBillableContracts(db, '2026-09');
		expect(b.contract.id).toBe(id);
		expect(b.terms).toBeNull();
	});

	it('carries the month’s entries, never withdrawn ones nor another month’s', () => {
		const id = contract('Léa MARTIN', '2026-09-01');
		terms(id, '2026-09-01', 40);
		const extra = entry(id, '2026-10', 'extra_hours');
		const illness = entry(id, '2026-10', 'illness');
		entry(id, '2026-10', 'closure', true);
		entry(id, '2026-11', 'hospitalisation');
		const [oct] = loadBillableContracts(db, '2026-10');
		expect(oct.entries.map((e) => e.id).sort()).toEqual([extra, illness].sort());
		expect(oct.entries.find((e) => e.id === extra)).toMatchObject({
			kind: 'extra_hours',
			minutes: 90,
			days: null
		});
		expect(oct.entries.find((e) => e.id === illness)).toMatchObject({
			kind: 'illness',
			days: 2,
			minutes: null
		});
	});
});

describe('monthBounds', () => {
	it('knows February of a leap year', () => {
		expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
		expect(monthBounds('2027-02')).toEqual({ first: '2027-02-01', last: '2027-02-28' });
		expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
	});
});
