// The tariff quote (GET /api/tariff/quote, the issue's contract, and the simulator page): the input read with
// French messages per parameter, then the PSU arithmetic of src/lib/domain/tariff.ts on the scale
// in force on the date. Money in euros as decimal numbers at this edge only. Pure TypeScript.
import * as v from 'valibot';
import {
	type EffortRateSet,
	type ResourceBounds,
	effortPercent,
	quote,
	scaleOn,
	type ScaleOnDate,
	type TariffScale
} from './tariff';
import { frenchLongDay } from './french-date';
import { fieldErrors, isRealDate } from './validation';

/** What GET /api/tariff/scale answers (and the simulator keeps on the device). */
export interface PublicScale {
	effortRates: EffortRateSet[];
	bounds: (ResourceBounds & { note: string | null })[];
	defaults: { weeksPerYear: number };
}

/** The answer, exactly as the issue's contract names it (euros; effortRate in percent). */
export interface QuoteAnswer {
	hourlyRate: number;
	monthlyAmount: number;
	monthlyHours: number;
	resourcesUsed: number;
	plancher: number;
	plafond: number;
	effortRate: number;
}

export interface QuoteQuery {
	monthlyResourcesCents: number;
	children: number;
	aeehChildren: number;
	minutesPerWeek: number;
	weeksPerYear: number;
	date: string;
}

/** A decimal typed by a person: « 2 500,50 » or 2500.5; NaN when it is not a number. */
export function decimal(raw: string): number {
	const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
	return /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

const MAX_RESOURCES_EUROS = 1_000_000;
const MAX_HOURS = 55; // contract_terms: at most 3 300 minutes a week

const param = (label: string) => v.pipe(v.string(), v.trim(), v.nonEmpty(`Indiquez ${label}.`));

const money = v.pipe(
	param('les ressources mensuelles du foyer'),
	v.transform(decimal),
	v.check(
		(x) => Number.isFinite(x) && x >= 0,
		'Les ressources mensuelles doivent être un montant en euros (par exemple 2500 ou 2500,50).'
	),
	v.check(
		(x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6,
		'Les ressources mensuelles s’expriment au centime près (deux décimales au plus).'
	),
	v.check(
		(x) => x <= MAX_RESOURCES_EUROS,
		'Les ressources mensuelles semblent trop élevées : vérifiez le montant (revenus d’un mois).'
	),
	v.transform((x) => Math.round(x * 100))
);

const integer = (label: string, min: number, max: number, message: string) =>
	v.pipe(
		param(label),
		v.check((s) => /^\d{1,3}$/.test(s), message),
		v.transform(Number),
		v.check((n) => n >= min && n <= max, message)
	);

const QuerySchema = v.pipe(
	v.object({
		monthlyResources: money,
		children: integer(
			'le nombre d’enfants à charge',
			1,
			30,
			'Le nombre d’enfants à charge est un nombre entier entre 1 et 30.'
		),
		aeehChildren: v.optional(
			integer(
				'le nombre d’enfants bénéficiant de l’AEEH',
				0,
				30,
				'Le nombre d’enfants bénéficiant de l’AEEH est un nombre entier entre 0 et 30.'
			),
			'0'
		),
		hoursPerWeek: v.pipe(
			param('le nombre d’heures par semaine'),
			v.transform(decimal),
			v.check(
				(x) => Number.isFinite(x) && x > 0 && x <= MAX_HOURS,
				`Le nombre d’heures par semaine est un nombre supérieur à 0 et d’au plus ${MAX_HOURS} (par exemple 37,5).`
			),
			v.transform((x) => Math.round(x * 60)),
			v.check((m) => m > 0, 'Le nombre d’heures par semaine doit compter au moins une minute.')
		),
		weeksPerYear: v.optional(
			integer(
				'le nombre de semaines par an',
				1,
				52,
				'Le nombre de semaines par an est un nombre entier entre 1 et 52.'
			)
		),
		date: v.optional(
			v.pipe(
				v.string(),
				v.trim(),
				v.check(isRealDate, 'La date doit être une date valide (AAAA-MM-JJ).')
			)
		)
	}),
	v.forward(
		v.check(
			(q) => q.aeehChildren <= q.children,
			'Les enfants bénéficiant de l’AEEH font partie des enfants à charge : ils ne peuvent pas être plus nombreux.'
		),
		['aeehChildren']
	)
);

export type QueryProblem = { ok: false; message: string; fields: Record<string, string> };

/**
 * Reads the query. Missing weeksPerYear and date take the defaults given (the scale's parameter
 * and today in Paris).
 */
export function readQuoteQuery(
	query: Record<string, string | undefined>,
	defaults: { weeksPerYear: (date: string) => number; today: string }
): { ok: true; value: QuoteQuery } | QueryProblem {
	const present = Object.fromEntries(
		Object.entries(query).filter(([, val]) => val !== undefined && val !== '')
	);
	// A missing required parameter is named like an empty one (« Indiquez … »).
	for (const k of ['monthlyResources', 'children', 'hoursPerWeek']) present[k] ??= '';
	const result = v.safeParse(QuerySchema, present);
	if (!result.success) {
		const fields = fieldErrors(result.issues);
		const keys = Object.keys(fields);
		return {
			ok: false,
			message:
				keys.length > 1
					? 'Certaines informations sont invalides ou manquantes.'
					: (fields[keys[0]] ?? 'Certaines informations sont invalides.'),
			fields
		};
	}
	const q = result.output;
	const date = q.date ?? defaults.today;
	return {
		ok: true,
		value: {
			monthlyResourcesCents: q.monthlyResources,
			children: q.children,
			aeehChildren: q.aeehChildren,
			minutesPerWeek: q.hoursPerWeek,
			weeksPerYear: q.weeksPerYear ?? defaults.weeksPerYear(date),
			date
		}
	};
}

const euros = (cents: number) => cents / 100;

/** The quote on the scale in force that day (null when the scale starts later). */
export function quoteOn(scale: TariffScale, q: QuoteQuery): QuoteAnswer | null {
	const onDate = scaleOn(scale, q.date);
	return onDate ? quoteAnswer(onDate, q) : null;
}

/** The quote on a day's scale, in the contract's shape: what the bench can time. */
export function quoteAnswer(onDate: ScaleOnDate, q: Omit<QuoteQuery, 'date'>): QuoteAnswer {
	const r = quote(
		{
			monthlyResourcesCents: q.monthlyResourcesCents,
			children: q.children,
			aeehChildren: q.aeehChildren,
			minutesPerWeek: q.minutesPerWeek,
			weeksPerYear: q.weeksPerYear
		},
		onDate
	);
	return {
		hourlyRate: euros(r.rate.hourlyRateCents),
		monthlyAmount: euros(r.monthlyAmountCents),
		monthlyHours: r.monthlyHours,
		resourcesUsed: euros(r.rate.resourcesUsedCents),
		plancher: euros(onDate.floorCents),
		plafond: euros(onDate.ceilingCents),
		effortRate: effortPercent(r.rate.effortRatePpm)
	};
}

/** French: the scale does not cover that date (it starts later). */
export function noScaleMessage(scale: TariffScale): string {
	const firstOf = (rows: { effectiveFrom: string }[]) => rows.map((r) => r.effectiveFrom).sort()[0];
	const rates = firstOf(scale.effortRates);
	const bounds = firstOf(scale.bounds);
	if (!rates || !bounds) return 'Le barème national n’est pas encore saisi.';
	const from = rates > bounds ? rates : bounds;
	return `Le barème national n’est pas connu à cette date : choisissez une date à partir du ${frenchLongDay(from)}.`;
}
