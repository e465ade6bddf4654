// One month's invoice of one contract, computed from its terms in force, the month's extra hours
// and deductions, and the PSU scale on the month's first day: the lines as printed (French labels,
// French numbers), each rounded once, and the total (never below 0). A month the contract covers
// only in part is billed in proportion of the opening days (Monday to Friday) it covers.
// Pure TypeScript: the run, the preview and the benchmark share it; money arithmetic is tariff.ts'.
import type { InvoiceComputation, InvoiceLine } from './invoice';
import {
	DEDUCTION_LABELS,
	deductibleDays,
	deductionCents,
	extraHoursCents,
	hourlyRate,
	monthlyAmountCents,
	monthlyHoursRounded,
	type DeductionKind,
	type ScaleOnDate
} from './tariff';

/** The contract terms in force for the month (a `contract_terms` row, read). */
export interface MonthTerms {
	minutesPerWeek: number;
	daysPerWeek: number;
	weeksPerYear: number;
	monthsBilled: number;
	monthlyResourcesCents: number | null;
	dependentChildren: number;
	aeehChildren: number;
}

/** A month entry (`billing_entries`, not deleted). */
export interface MonthEntry {
	kind: 'extra_hours' | DeductionKind;
	minutes?: number | null;
	days?: number | null;
}

export interface MonthInvoiceInput {
	/** 'YYYY-MM'. */
	month: string;
	contract: { startDate: string; endDate: string | null };
	terms: MonthTerms;
	/** The scale in force on the month's first day (or the contract's start in the month). */
	scale: ScaleOnDate;
	entries: MonthEntry[];
	illnessWaitingDays: number;
}

export interface MonthInvoice {
	lines: InvoiceLine[];
	amountCents: number;
	computation: InvoiceComputation;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** First and last day of a month 'YYYY-MM'. */
export function monthBounds(month: string): { first: string; last: string } {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { first: `${month}-01`, last: `${month}-${pad(days)}` };
}

/** Opening days (Monday to Friday) from `from` to `to`, both included ('YYYY-MM-DD'). */
export function openingDays(from: string, to: string): number {
	if (to < from) return 0;
	const start = Date.parse(`${from}T00:00:00Z`);
	const end = Date.parse(`${to}T00:00:00Z`);
	let n = 0;
	for (let t = start; t <= end; t += 86_400_000) {
		const d = new Date(t).getUTCDay();
		if (d !== 0 && d !== 6) n++;
	}
	return n;
}

/** The share of the month the contract covers, in opening days (1/1 for a whole month). */
export function monthShare(
	month: string,
	contract: { startDate: string; endDate: string | null }
): { num: number; den: number } {
	const { first, last } = monthBounds(month);
	const from = contract.startDate > first ? contract.startDate : first;
	const to = contract.endDate && contract.endDate < last ? contract.endDate : last;
	if (from === first && to === last) return { num: 1, den: 1 };
	return { num: openingDays(from, to), den: openingDays(first, last) };
}

const FORMATS = new Map<string, Intl.NumberFormat>();
/** French number with min..max decimals (formatters cached: building one is costly). */
const frNumber = (n: number, min = 0, max = 2) => {
	const key = `${min}-${max}`;
	let f = FORMATS.get(key);
	if (!f) {
		f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: min, maximumFractionDigits: max });
		FORMATS.set(key, f);
	}
	return f.format(n);
};

/** « 156,67 h » (hours with up to two decimals, French). */
export const frenchHours = (hours: number) => `${frNumber(hours)} h`;

/** « 1,55 € » (cents as euros, always two decimals). */
export const frenchEuros = (cents: number) => `${frNumber(cents / 100, 2, 2)} €`;

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export function computeMonthInvoice(input: MonthInvoiceInput): MonthInvoice {
	const { terms, scale } = input;
	const rate = hourlyRate(
		{
			monthlyResourcesCents: terms.monthlyResourcesCents,
			children: terms.dependentChildren,
			aeehChildren: terms.aeehChildren
		},
		scale
	);
	const hours = {
		minutesPerWeek: terms.minutesPerWeek,
		weeksPerYear: terms.weeksPerYear,
		monthsBilled: terms.monthsBilled
	};
	const monthlyHours = monthlyHoursRounded(hours);
	const share = monthShare(input.month, input.contract);
	const rateText = frenchEuros(rate.hourlyRateCents);
	const whole = share.num === share.den;

	const lines: InvoiceLine[] = [];
	lines.push({
		kind: 'contract',
		label: whole
			? `Contrat mensualisé : ${frenchHours(monthlyHours)} × ${rateText}`
			: `Contrat mensualisé : ${frenchHours(monthlyHours)} × ${rateText} × ${share.num}/${share.den} jours d’ouverture`,
		quantity: frenchHours(monthlyHours),
		amountCents: share.num === 0 ? 0 : monthlyAmountCents(hours, rate, share)
	});

	for (const e of input.entries) {
		if (e.kind !== 'extra_hours' || !e.minutes) continue;
		const h = frenchHours(Math.round((e.minutes / 60) * 100) / 100);
		lines.push({
			kind: 'extra_hours',
			label: `Heures complémentaires : ${h} × ${rateText}`,
			quantity: h,
			amountCents: extraHoursCents(e.minutes, rate)
		});
	}

	// Deductions: never more than what the month bills (the total stays ≥ 0).
	let room = lines.reduce((s, l) => s + l.amountCents, 0);
	for (const e of input.entries) {
		if (e.kind === 'extra_hours' || !e.days) continue;
		const days = deductibleDays(e.kind, e.days, input.illnessWaitingDays);
		const waiting = e.kind === 'illness' ? Math.min(e.days, input.illnessWaitingDays) : 0;
		const full = deductionCents(days, terms, rate);
		const taken = Math.min(full, room);
		room -= taken;
		const detail =
			e.kind === 'illness'
				? `${plural(e.days, 'jour', 'jours')} d’absence dont ${plural(waiting, 'jour', 'jours')} de carence, ${plural(days, 'jour déduit', 'jours déduits')}`
				: plural(days, 'jour déduit', 'jours déduits');
		lines.push({
			kind: e.kind,
			label: `${DEDUCTION_LABELS[e.kind]} : ${detail}${taken < full ? ' (limitée au montant du mois)' : ''}`,
			quantity: plural(days, 'jour', 'jours'),
			amountCents: taken === 0 ? 0 : -taken
		});
	}

	const amountCents = Math.max(
		0,
		lines.reduce((s, l) => s + l.amountCents, 0)
	);
	const computation: InvoiceComputation = {
		monthlyResourcesCents: terms.monthlyResourcesCents,
		resourcesUsedCents: rate.resourcesUsedCents,
		floorCents: rate.floorCents,
		ceilingCents: rate.ceilingCents,
		clamped: rate.clamped,
		dependentChildren: terms.dependentChildren,
		aeehChildren: terms.aeehChildren,
		effortRatePpm: rate.effortRatePpm,
		rateMicroCents: rate.rateMicroCents,
		hourlyRateCents: rate.hourlyRateCents,
		minutesPerWeek: terms.minutesPerWeek,
		weeksPerYear: terms.weeksPerYear,
		monthsBilled: terms.monthsBilled,
		monthlyHours,
		share,
		ratesFrom: scale.ratesFrom,
		boundsFrom: scale.boundsFrom
	};
	return { lines, amountCents, computation };
}
