// The contracts a month bills, in the run's shape: H-contracts' loadBillableContracts (terms in
// force on the 1st of the month or on the start date, the month's entries not withdrawn) plus
// whether each already has its invoice for the month — four queries for the whole month.
import type { Db } from '../db';
import type { MonthEntry, MonthTerms } from '../../src/lib/domain/invoice-month';
import { loadBillableContracts, monthBounds } from './contract-terms';

export interface BillableContract {
	id: string;
	householdId: string;
	childId: string;
	childName: string;
	structureId: string;
	structureName: string;
	startDate: string;
	endDate: string | null;
	/** The date the terms and the scale are read on. */
	termsDate: string;
	terms: MonthTerms | null;
	entries: MonthEntry[];
	/** Whether the contract already has its invoice for the month. */
	invoiced: boolean;
}

export function loadBillable(db: Db, month: string): BillableContract[] {
	const { first } = monthBounds(month);
	const invoiced = new Set(
		(
			db
				.prepare("SELECT contract_id FROM invoices WHERE month = ? AND kind = 'invoice'")
				.all(month) as { contract_id: string }[]
		).map((r) => r.contract_id)
	);
	return loadBillableContracts(db, month).map(({ contract: c, terms: t, entries }) => ({
		id: c.id,
		householdId: c.householdId,
		childId: c.childId,
		childName: c.childName,
		structureId: c.structureId,
		structureName: c.structureName,
		startDate: c.startDate,
		endDate: c.endDate,
		termsDate: c.startDate > first ? c.startDate : first,
		terms: t
			? {
					minutesPerWeek: t.minutesPerWeek,
					daysPerWeek: t.daysPerWeek,
					weeksPerYear: t.weeksPerYear,
					monthsBilled: t.monthsBilled,
					monthlyResourcesCents: t.monthlyResourcesCents,
					dependentChildren: t.dependentChildren,
					aeehChildren: t.aeehChildren
				}
			: null,
		entries: entries.map((e) => ({ kind: e.kind, minutes: e.minutes, days: e.days })),
		invoiced: invoiced.has(c.id)
	}));
}
