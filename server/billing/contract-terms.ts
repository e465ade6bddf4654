// What billing reads of a contract: its dated terms (the first ones, then each amendment from its
// effective date on) and the month's recorded entries (extra hours, deductions). Read-only: the
// routes that write them are contract-routes.ts and entry-routes.ts.
import type { Db } from '../db';

export type ResourcesSource = 'caf' | 'tax_notice' | 'none';
export type EntryKind = 'extra_hours' | 'closure' | 'hospitalisation' | 'illness';

/** One row of contract_terms (immutable: an amendment is a new row). */
export interface ContractTerms {
	id: number;
	contractId: string;
	effectiveFrom: string;
	minutesPerWeek: number;
	daysPerWeek: number;
	weeksPerYear: number;
	monthsBilled: number;
	monthlyResourcesCents: number | null;
	resourcesSource: ResourcesSource | null;
	resourcesDate: string | null;
	dependentChildren: number;
	aeehChildren: number;
	reason: string | null;
	createdAt: number;
	createdBy: string | null;
}

/** A contract as billing needs it. */
export interface BillingContract {
	id: string;
	householdId: string;
	origin: 'commission' | 'desk';
	childId: string;
	childName: string;
	childBirthDate: string | null;
	structureId: string;
	structureName: string;
	startDate: string;
	endDate: string | null;
	status: 'Admis' | 'Terminé';
}

/** An extra-hours or deduction entry of a month (billing_entries). */
export interface BillingEntry {
	id: string;
	contractId: string;
	month: string;
	kind: EntryKind;
	minutes: number | null;
	days: number | null;
	note: string | null;
	createdAt: number;
	createdBy: string | null;
}

export interface BillableContract {
	contract: BillingContract;
	/** Terms in force on the 1st of the month (on the start date when it starts in the month). */
	terms: ContractTerms | null;
	/** The month's entries not withdrawn, oldest first. */
	entries: BillingEntry[];
}

interface TermsRow {
	id: number;
	contract_id: string;
	effective_from: string;
	minutes_per_week: number;
	days_per_week: number;
	weeks_per_year: number;
	months_billed: number;
	monthly_resources_cents: number | null;
	resources_source: ResourcesSource | null;
	resources_date: string | null;
	dependent_children: number;
	aeeh_children: number;
	reason: string | null;
	created_at: number;
	created_by: string | null;
}

export const termsFromRow = (r: TermsRow): ContractTerms => ({
	id: r.id,
	contractId: r.contract_id,
	effectiveFrom: r.effective_from,
	minutesPerWeek: r.minutes_per_week,
	daysPerWeek: r.days_per_week,
	weeksPerYear: r.weeks_per_year,
	monthsBilled: r.months_billed,
	monthlyResourcesCents: r.monthly_resources_cents,
	resourcesSource: r.resources_source,
	resourcesDate: r.resources_date,
	dependentChildren: r.dependent_children,
	aeehChildren: r.aeeh_children,
	reason: r.reason,
	createdAt: r.created_at,
	createdBy: r.created_by
});

interface EntryRow {
	id: string;
	contract_id: string;
	month: string;
	kind: EntryKind;
	minutes: number | null;
	days: number | null;
	note: string | null;
	created_at: number;
	created_by: string | null;
}

export const entryFromRow = (r: EntryRow): BillingEntry => ({
	id: r.id,
	contractId: r.contract_id,
	month: r.month,
	kind: r.kind,
	minutes: r.minutes,
	days: r.days,
	note: r.note,
	createdAt: r.created_at,
	createdBy: r.created_by
});

/** Every terms row of a contract, oldest first (the history). */
export function termsHistory(db: Db, contractId: string): ContractTerms[] {
	return (
		db
			.prepare('SELECT * FROM contract_terms WHERE contract_id = ? ORDER BY effective_from, id')
			.all(contractId) as TermsRow[]
	).map(termsFromRow);
}

/** The terms in force on `date` ('YYYY-MM-DD'): the latest row effective on or before it. */
export function termsInForce(db: Db, contractId: string, date: string): ContractTerms | null {
	const row = db
		.prepare(
			`SELECT * FROM contract_terms WHERE contract_id = ? AND effective_from <= ?
			 ORDER BY effective_from DESC, id DESC LIMIT 1`
		)
		.get(contractId, date) as TermsRow | undefined;
	return row ? termsFromRow(row) : null;
}

/** First and last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { first: string; last: string } {
	const [y, m] = month.split('-').map(Number);
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

/**
 * Every contract overlapping `month` ('YYYY-MM'): started on or before its last day, not ended
 * before its first. Each with the terms in force on the 1st (or on the start date when the contract
 * starts in the month) and the month's entries not withdrawn. Three queries whatever the count.
 */
export function loadBillableContracts(db: Db, month: string): BillableContract[] {
	const { first, last } = monthBounds(month);
	const contracts = db
		.prepare(
			`SELECT c.id, c.household_id, c.origin, c.child_id, c.child_name, c.child_birth_date,
				c.structure_id, s.name AS structure_name, c.start_date, c.end_date, c.status
			 FROM contracts c JOIN structures s ON s.id = c.structure_id
			 WHERE c.start_date <= ? AND (c.end_date IS NULL OR c.end_date >= ?)
			 ORDER BY s.position, c.structure_id, c.child_name, c.id`
		)
		.all(last, first) as {
		id: string;
		household_id: string;
		origin: 'commission' | 'desk';
		child_id: string;
		child_name: string;
		child_birth_date: string | null;
		structure_id: string;
		structure_name: string;
		start_date: string;
		end_date: string | null;
		status: 'Admis' | 'Terminé';
	}[];
	if (contracts.length === 0) return [];

	// Terms effective by the month's last day, newest first per contract: the first one effective
	// on the reference date is the one in force.
	const termsByContract = new Map<string, ContractTerms[]>();
	const termsRows = db
		.prepare(
			`SELECT t.* FROM contract_terms t JOIN contracts c ON c.id = t.contract_id
			 WHERE t.effective_from <= ? AND c.start_date <= ? AND (c.end_date IS NULL OR c.end_date >= ?)
			 ORDER BY t.contract_id, t.effective_from DESC, t.id DESC`
		)
		.all(last, last, first) as TermsRow[];
	for (const r of termsRows) {
		const list = termsByContract.get(r.contract_id) ?? [];
		list.push(termsFromRow(r));
		termsByContract.set(r.contract_id, list);
	}

	const entriesByContract = new Map<string, BillingEntry[]>();
	const entryRows = db
		.prepare(
			`SELECT * FROM billing_entries WHERE month = ? AND deleted_at IS NULL
			 ORDER BY contract_id, created_at, rowid`
		)
		.all(month) as EntryRow[];
	for (const r of entryRows) {
		const list = entriesByContract.get(r.contract_id) ?? [];
		list.push(entryFromRow(r));
		entriesByContract.set(r.contract_id, list);
	}

	return contracts.map((c) => {
		const reference = c.start_date > first ? c.start_date : first;
		const terms =
			(termsByContract.get(c.id) ?? []).find((t) => t.effectiveFrom <= reference) ?? null;
		return {
			contract: {
				id: c.id,
				householdId: c.household_id,
				origin: c.origin,
				childId: c.child_id,
				childName: c.child_name,
				childBirthDate: c.child_birth_date,
				structureId: c.structure_id,
				structureName: c.structure_name,
				startDate: c.start_date,
				endDate: c.end_date,
				status: c.status
			},
			terms,
			entries: entriesByContract.get(c.id) ?? []
		};
	});
}
