// The dated PSU scale and billing parameters as stored in SQLite (migration 016), read into the
// shape the pure tariff module takes (src/lib/domain/tariff.ts).
import type { Db } from '../db';
import {
	CHILD_BRACKETS,
	type ChildBracket,
	type EffortRateSet,
	type ResourceBounds,
	type TariffScale
} from '../../src/lib/domain/tariff';

export const BILLING_PARAMETERS = [
	'illness_waiting_days',
	'default_weeks_per_year',
	'payment_due_days'
] as const;
export type BillingParameter = (typeof BILLING_PARAMETERS)[number];

/** The whole scale: every set of effort rates and every floor/ceiling, by effective date. */
export function loadScale(db: Db): TariffScale {
	const rateRows = db
		.prepare(
			'SELECT effective_from, min_children, rate_ppm FROM tariff_effort_rates ORDER BY effective_from'
		)
		.all() as { effective_from: string; min_children: ChildBracket; rate_ppm: number }[];
	const sets = new Map<string, Partial<Record<ChildBracket, number>>>();
	for (const r of rateRows) {
		const set = sets.get(r.effective_from) ?? {};
		set[r.min_children] = r.rate_ppm;
		sets.set(r.effective_from, set);
	}
	const effortRates: EffortRateSet[] = [...sets]
		// A set missing a bracket is unusable (admins always write the five together).
		.filter(([, set]) => CHILD_BRACKETS.every((b) => set[b] !== undefined))
		.map(([effectiveFrom, set]) => ({
			effectiveFrom,
			ratesPpm: set as Record<ChildBracket, number>
		}));
	const bounds = (
		db
			.prepare(
				'SELECT effective_from, floor_cents, ceiling_cents, note FROM tariff_resource_bounds ORDER BY effective_from'
			)
			.all() as {
			effective_from: string;
			floor_cents: number;
			ceiling_cents: number;
			note: string | null;
		}[]
	).map((r): ResourceBounds => ({
		effectiveFrom: r.effective_from,
		floorCents: r.floor_cents,
		ceilingCents: r.ceiling_cents,
		note: r.note
	}));
	return { effortRates, bounds };
}

/** A billing parameter's value in force on `date` ('YYYY-MM-DD'); throws if none is (seeded). */
export function billingParameter(db: Db, name: BillingParameter, date: string): number {
	const row = db
		.prepare(
			`SELECT value FROM billing_parameters WHERE name = ? AND effective_from <= ?
			 ORDER BY effective_from DESC LIMIT 1`
		)
		.get(name, date) as { value: number } | undefined;
	if (!row) throw new Error(`billing parameter ${name} has no value on ${date}`);
	return row.value;
}
