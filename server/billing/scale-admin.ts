// Admins' edits of the dated PSU scale (effort rates, plancher and plafond, billing parameters):
// a new value applies from its effective date on; a date in a month already invoiced is refused
// (409) because issued invoices were computed on the old value and are immutable. Re-entering a
// date not yet invoiced replaces that date's value (a typo corrected). The staff's view of the
// scale names who entered each value and when.
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { frenchLongDay, frenchMonth } from '../../src/lib/domain/french-date';
import { CHILD_BRACKETS, type ChildBracket } from '../../src/lib/domain/tariff';
import {
	BILLING_PARAMETER_LABELS,
	type BillingParameterName
} from '../../src/lib/domain/tariff-admin';

/** The latest month with an issued invoice ('YYYY-MM'), or null. */
export function lastInvoicedMonth(db: Db): string | null {
	const row = db.prepare("SELECT MAX(month) AS m FROM invoices WHERE kind = 'invoice'").get() as {
		m: string | null;
	};
	return row.m;
}

const nextMonthFirst = (month: string) => {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The latest month a run is issuing right now ('YYYY-MM'), or null. */
function runningMonth(db: Db): string | null {
	const row = db
		.prepare("SELECT MAX(month) AS m FROM invoice_runs WHERE status = 'running'")
		.get() as { m: string | null };
	return row.m;
}

/**
 * Throws 409 when `effectiveFrom` falls in (or before) a month already invoiced, or a month a run
 * is issuing now (its invoices are being computed on the scale as it is).
 */
export function requireNotInvoiced(db: Db, effectiveFrom: string): void {
	const running = runningMonth(db);
	if (running && effectiveFrom.slice(0, 7) <= running)
		throw new ApiError(
			409,
			'month_invoicing',
			`Les factures de ${frenchMonth(running)} sont en cours d’émission : une nouvelle valeur ne peut s’appliquer qu’à partir du ${frenchLongDay(nextMonthFirst(running))}.`,
			{
				effectiveFrom: `Choisissez une date à partir du ${frenchLongDay(nextMonthFirst(running))}.`
			}
		);
	const last = lastInvoicedMonth(db);
	if (last && effectiveFrom.slice(0, 7) <= last)
		throw new ApiError(
			409,
			'month_invoiced',
			`Les factures de ${frenchMonth(last)} sont déjà émises : une nouvelle valeur ne peut s’appliquer qu’à partir du ${frenchLongDay(nextMonthFirst(last))}.`,
			{ effectiveFrom: `Choisissez une date à partir du ${frenchLongDay(nextMonthFirst(last))}.` }
		);
}

export function saveEffortRates(
	db: Db,
	input: { effectiveFrom: string; ratesPpm: Record<ChildBracket, number> },
	userId: string,
	now: number
): Record<ChildBracket, number> | null {
	const before = db
		.prepare('SELECT min_children, rate_ppm FROM tariff_effort_rates WHERE effective_from = ?')
		.all(input.effectiveFrom) as { min_children: ChildBracket; rate_ppm: number }[];
	const upsert = db.prepare(
		`INSERT INTO tariff_effort_rates (effective_from, min_children, rate_ppm, created_at, created_by)
		 VALUES (?, ?, ?, ?, ?) ON CONFLICT (effective_from, min_children) DO UPDATE SET
		 rate_ppm = excluded.rate_ppm, created_at = excluded.created_at, created_by = excluded.created_by`
	);
	for (const b of CHILD_BRACKETS)
		upsert.run(input.effectiveFrom, b, input.ratesPpm[b], now, userId);
	return before.length
		? (Object.fromEntries(before.map((r) => [r.min_children, r.rate_ppm])) as Record<
				ChildBracket,
				number
			>)
		: null;
}

export function saveBounds(
	db: Db,
	input: { effectiveFrom: string; floor: number; ceiling: number; note?: string },
	userId: string,
	now: number
): { floorCents: number; ceilingCents: number } | null {
	const before = db
		.prepare(
			'SELECT floor_cents AS floorCents, ceiling_cents AS ceilingCents FROM tariff_resource_bounds WHERE effective_from = ?'
		)
		.get(input.effectiveFrom) as { floorCents: number; ceilingCents: number } | undefined;
	db.prepare(
		`INSERT INTO tariff_resource_bounds (effective_from, floor_cents, ceiling_cents, note, created_at, created_by)
		 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (effective_from) DO UPDATE SET
		 floor_cents = excluded.floor_cents, ceiling_cents = excluded.ceiling_cents, note = excluded.note,
		 created_at = excluded.created_at, created_by = excluded.created_by`
	).run(input.effectiveFrom, input.floor, input.ceiling, input.note ?? null, now, userId);
	return before ?? null;
}

export function saveParameter(
	db: Db,
	input: { name: BillingParameterName; effectiveFrom: string; value: number },
	userId: string,
	now: number
): number | null {
	const before = db
		.prepare('SELECT value FROM billing_parameters WHERE name = ? AND effective_from = ?')
		.get(input.name, input.effectiveFrom) as { value: number } | undefined;
	db.prepare(
		`INSERT INTO billing_parameters (name, effective_from, value, created_at, created_by)
		 VALUES (?, ?, ?, ?, ?) ON CONFLICT (name, effective_from) DO UPDATE SET
		 value = excluded.value, created_at = excluded.created_at, created_by = excluded.created_by`
	).run(input.name, input.effectiveFrom, input.value, now, userId);
	return before?.value ?? null;
}

interface Who {
	/** ISO instant; null for the seed (the reference's values). */
	createdAt: string | null;
	/** The admin who entered it; null for the seed. */
	createdBy: string | null;
}

const who = (createdAt: number, name: string | null): Who => ({
	createdAt: createdAt > 0 ? new Date(createdAt).toISOString() : null,
	createdBy: name
});

const NAME = "TRIM(u.first_names || ' ' || u.last_name)";

/** The staff's view: every dated value with who entered it and when. */
export function staffScale(db: Db) {
	const rateRows = db
		.prepare(
			`SELECT r.effective_from, r.min_children, r.rate_ppm, r.created_at, ${NAME} AS name
			 FROM tariff_effort_rates r LEFT JOIN users u ON u.id = r.created_by
			 ORDER BY r.effective_from, r.min_children`
		)
		.all() as {
		effective_from: string;
		min_children: ChildBracket;
		rate_ppm: number;
		created_at: number;
		name: string | null;
	}[];
	const sets = new Map<
		string,
		{ effectiveFrom: string; ratesPpm: Partial<Record<ChildBracket, number>> } & Who
	>();
	for (const r of rateRows) {
		const set = sets.get(r.effective_from) ?? {
			effectiveFrom: r.effective_from,
			ratesPpm: {},
			...who(r.created_at, r.name)
		};
		set.ratesPpm[r.min_children] = r.rate_ppm;
		sets.set(r.effective_from, set);
	}
	const bounds = (
		db
			.prepare(
				`SELECT b.effective_from, b.floor_cents, b.ceiling_cents, b.note, b.created_at, ${NAME} AS name
				 FROM tariff_resource_bounds b LEFT JOIN users u ON u.id = b.created_by
				 ORDER BY b.effective_from`
			)
			.all() as {
			effective_from: string;
			floor_cents: number;
			ceiling_cents: number;
			note: string | null;
			created_at: number;
			name: string | null;
		}[]
	).map((b) => ({
		effectiveFrom: b.effective_from,
		floorCents: b.floor_cents,
		ceilingCents: b.ceiling_cents,
		note: b.note,
		...who(b.created_at, b.name)
	}));
	const parameters = (
		db
			.prepare(
				`SELECT p.name, p.effective_from, p.value, p.created_at, ${NAME} AS who
				 FROM billing_parameters p LEFT JOIN users u ON u.id = p.created_by
				 ORDER BY p.name, p.effective_from`
			)
			.all() as {
			name: BillingParameterName;
			effective_from: string;
			value: number;
			created_at: number;
			who: string | null;
		}[]
	).map((p) => ({
		name: p.name,
		label: BILLING_PARAMETER_LABELS[p.name],
		effectiveFrom: p.effective_from,
		value: p.value,
		...who(p.created_at, p.who)
	}));
	return { effortRates: [...sets.values()], bounds, parameters };
}
