// The national PSU scale (../shared/reference/psu-bareme.md) as pure, exact arithmetic: the hourly
// rate from the household's monthly resources, the monthly contract amount (mensualisation),
// extra hours and deductions. Money is integer cents; an effort rate is integer millionths of the
// monthly resources per hour (0.0619 % = 619 ppm), so resources × rate is exact in micro-cents.
// Nothing is rounded before the end of a computation. The scale itself is dated data (SQLite,
// edited by admins): these functions take it as an argument, never as a constant.
// Pure TypeScript: the billing run, GET /api/tariff/quote and the simulator page share it.

/** Brackets of dependent children: 1, 2, 3, « 4 à 7 », « 8 ou plus ». */
export const CHILD_BRACKETS = [1, 2, 3, 4, 8] as const;
export type ChildBracket = (typeof CHILD_BRACKETS)[number];

export const BRACKET_LABELS: Record<ChildBracket, string> = {
	1: '1 enfant',
	2: '2 enfants',
	3: '3 enfants',
	4: '4 à 7 enfants',
	8: '8 enfants ou plus'
};

/** The effort rates in force from a date, one per bracket. */
export interface EffortRateSet {
	effectiveFrom: string;
	ratesPpm: Record<ChildBracket, number>;
}

/** Plancher and plafond of the monthly resources in force from a date. */
export interface ResourceBounds {
	effectiveFrom: string;
	floorCents: number;
	ceilingCents: number;
	note?: string | null;
}

/** The whole dated scale (any order). */
export interface TariffScale {
	effortRates: EffortRateSet[];
	bounds: ResourceBounds[];
}

/** The scale in force on one day. */
export interface ScaleOnDate {
	date: string;
	ratesPpm: Record<ChildBracket, number>;
	ratesFrom: string;
	floorCents: number;
	ceilingCents: number;
	boundsFrom: string;
}

const latestOn = <T extends { effectiveFrom: string }>(rows: T[], date: string): T | null =>
	rows.reduce<T | null>(
		(best, row) =>
			row.effectiveFrom <= date && (!best || row.effectiveFrom > best.effectiveFrom) ? row : best,
		null
	);

/** The values in force on `date` ('YYYY-MM-DD'), or null when the scale starts later. */
export function scaleOn(scale: TariffScale, date: string): ScaleOnDate | null {
	const rates = latestOn(scale.effortRates, date);
	const bounds = latestOn(scale.bounds, date);
	if (!rates || !bounds) return null;
	return {
		date,
		ratesPpm: rates.ratesPpm,
		ratesFrom: rates.effectiveFrom,
		floorCents: bounds.floorCents,
		ceilingCents: bounds.ceilingCents,
		boundsFrom: bounds.effectiveFrom
	};
}

/**
 * The bracket applied: one more child per child receiving the AEEH (once per AEEH child, even
 * when it is not the child in the crèche).
 */
export function bracketFor(children: number, aeehChildren = 0): ChildBracket {
	const n = children + aeehChildren;
	if (n >= 8) return 8;
	if (n >= 4) return 4;
	return Math.max(1, n) as ChildBracket;
}

export interface HourlyRateInput {
	/** Monthly resources in cents; null when the family gave none (the plafond applies). */
	monthlyResourcesCents: number | null;
	/** Dependent children in the household (1 or more). */
	children: number;
	/** Children of the household receiving the AEEH. */
	aeehChildren?: number;
}

export interface HourlyRate {
	/** Resources the rate is computed on, after plancher and plafond. */
	resourcesUsedCents: number;
	clamped: 'floor' | 'ceiling' | null;
	/** No resources given: the plafond applies. */
	missingResources: boolean;
	bracket: ChildBracket;
	effortRatePpm: number;
	/** Exact hourly rate in millionths of a cent (resources × rate). */
	rateMicroCents: number;
	/** Hourly rate rounded to the cent (what is printed; amounts use the exact rate). */
	hourlyRateCents: number;
	floorCents: number;
	ceilingCents: number;
}

const MICRO = 1_000_000n;

/** num / den rounded half away from zero, in integers (den > 0). */
export function roundDiv(num: bigint, den: bigint): number {
	const sign = num < 0n ? -1n : 1n;
	const abs = num * sign;
	return Number(sign * ((abs * 2n + den) / (den * 2n)));
}

export function hourlyRate(input: HourlyRateInput, scale: ScaleOnDate): HourlyRate {
	const missing = input.monthlyResourcesCents === null;
	const raw = input.monthlyResourcesCents ?? scale.ceilingCents;
	const used = Math.min(Math.max(raw, scale.floorCents), scale.ceilingCents);
	const clamped =
		raw < scale.floorCents ? 'floor' : raw > scale.ceilingCents && !missing ? 'ceiling' : null;
	const bracket = bracketFor(input.children, input.aeehChildren ?? 0);
	const ppm = scale.ratesPpm[bracket];
	const micro = BigInt(used) * BigInt(ppm);
	return {
		resourcesUsedCents: used,
		clamped,
		missingResources: missing,
		bracket,
		effortRatePpm: ppm,
		rateMicroCents: Number(micro),
		hourlyRateCents: roundDiv(micro, MICRO),
		floorCents: scale.floorCents,
		ceilingCents: scale.ceilingCents
	};
}

export interface ContractHours {
	/** Hours booked per week, in minutes (37 h 30 = 2250). */
	minutesPerWeek: number;
	/** Days of attendance per week (1 to 5): a day's hours = a week's / this. */
	daysPerWeek: number;
	/** Weeks of attendance in the contract year (47 for a full year, commonly). */
	weeksPerYear: number;
	/** Months billed in the contract year (12 for a full year). */
	monthsBilled: number;
}

/** Monthly hours (mensualisation), exact, in minutes as a fraction num/den. */
export function monthlyMinutes(hours: Omit<ContractHours, 'daysPerWeek'>): {
	num: bigint;
	den: bigint;
} {
	return {
		num: BigInt(hours.minutesPerWeek) * BigInt(hours.weeksPerYear),
		den: BigInt(hours.monthsBilled)
	};
}

/** Monthly hours rounded to the hundredth, for display (146.88 for 37.5 h × 47 / 12). */
export function monthlyHoursRounded(hours: Omit<ContractHours, 'daysPerWeek'>): number {
	const { num, den } = monthlyMinutes(hours);
	return roundDiv(num * 100n, den * 60n) / 100;
}

const PER_HOUR = 60n * MICRO; // minutes × micro-cents per hour → cents

/**
 * The monthly contract amount in cents: monthly hours × exact hourly rate, rounded once. A month
 * the contract covers only in part is billed in proportion of its opening days (`share`).
 */
export function monthlyAmountCents(
	hours: Omit<ContractHours, 'daysPerWeek'>,
	rate: Pick<HourlyRate, 'rateMicroCents'>,
	share: { num: number; den: number } = { num: 1, den: 1 }
): number {
	const { num, den } = monthlyMinutes(hours);
	return roundDiv(
		num * BigInt(rate.rateMicroCents) * BigInt(share.num),
		den * PER_HOUR * BigInt(share.den)
	);
}

/** Hours used beyond the contract, at the same hourly rate. */
export function extraHoursCents(minutes: number, rate: Pick<HourlyRate, 'rateMicroCents'>): number {
	return roundDiv(BigInt(minutes) * BigInt(rate.rateMicroCents), PER_HOUR);
}

export const DEDUCTION_KINDS = ['closure', 'hospitalisation', 'illness'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

export const DEDUCTION_LABELS: Record<DeductionKind, string> = {
	closure: 'Fermeture de la structure',
	hospitalisation: 'Hospitalisation de l’enfant',
	illness: 'Maladie avec certificat médical'
};

/**
 * Days deducted for an absence: all of them for a closure or a hospitalisation; for an illness,
 * those beyond the waiting days (délai de carence).
 */
export function deductibleDays(kind: DeductionKind, days: number, illnessWaitingDays: number) {
	return kind === 'illness' ? Math.max(0, days - illnessWaitingDays) : days;
}

/** The amount taken off for `days` days of absence (a day = the week's hours / days a week), ≥ 0. */
export function deductionCents(
	days: number,
	hours: Pick<ContractHours, 'minutesPerWeek' | 'daysPerWeek'>,
	rate: Pick<HourlyRate, 'rateMicroCents'>
): number {
	return roundDiv(
		BigInt(days) * BigInt(hours.minutesPerWeek) * BigInt(rate.rateMicroCents),
		BigInt(hours.daysPerWeek) * PER_HOUR
	);
}

export interface QuoteInput extends HourlyRateInput {
	minutesPerWeek: number;
	weeksPerYear: number;
	monthsBilled?: number;
}

export interface Quote {
	rate: HourlyRate;
	monthlyAmountCents: number;
	/** Monthly hours, rounded to the hundredth. */
	monthlyHours: number;
}

/** What the simulator and GET /api/tariff/quote answer: the rate and the monthly amount. */
export function quote(input: QuoteInput, scale: ScaleOnDate): Quote {
	const rate = hourlyRate(input, scale);
	const hours = {
		minutesPerWeek: input.minutesPerWeek,
		weeksPerYear: input.weeksPerYear,
		monthsBilled: input.monthsBilled ?? 12
	};
	return {
		rate,
		monthlyAmountCents: monthlyAmountCents(hours, rate),
		monthlyHours: monthlyHoursRounded(hours)
	};
}

/** An effort rate as the percentage the scale prints: 619 ppm → 0.0619 (%). */
export const effortPercent = (ppm: number) => ppm / 10_000;
