// The tariff simulator's computation, in the browser, from the scale kept on the device
// (GET /api/tariff/scale): the same reading of the input and the same PSU arithmetic as
// GET /api/tariff/quote and the billing run (src/lib/domain/tariff.ts), plus the explanation in
// French of each step. Pure TypeScript.
import {
	BRACKET_LABELS,
	effortPercent,
	quote,
	scaleOn,
	type ChildBracket,
	type HourlyRate
} from '$domain/tariff';
import {
	decimal,
	noScaleMessage,
	readQuoteQuery,
	type PublicScale,
	type QuoteQuery
} from '$domain/tariff-quote';

export interface SimulatorInput {
	/** Monthly resources, or yearly income divided by 12. */
	mode: 'monthly' | 'yearly';
	monthlyResources: string;
	yearlyIncome: string;
	children: string;
	aeehChildren: string;
	hoursPerWeek: string;
	weeksPerYear: string;
}

export interface Simulation {
	query: QuoteQuery;
	/** Yearly income typed (cents), when the family gave that. */
	yearlyCents: number | null;
	rate: HourlyRate;
	bracket: ChildBracket;
	monthlyAmountCents: number;
	monthlyHours: number;
	ratesFrom: string;
	boundsFrom: string;
}

export type SimulatorResult =
	| { ok: true; simulation: Simulation }
	| { ok: false; message: string; fields: Record<string, string> };

const YEARLY_MESSAGE =
	'Les revenus annuels doivent être un montant en euros (par exemple 30000 ou 30000,50).';

/** Reads the form and computes on the scale in force `today` ('YYYY-MM-DD'). */
export function simulate(
	scale: PublicScale,
	input: SimulatorInput,
	today: string
): SimulatorResult {
	let monthly = input.monthlyResources;
	let yearlyCents: number | null = null;
	if (input.mode === 'yearly') {
		const raw = input.yearlyIncome.trim();
		const yearly = decimal(raw);
		if (raw === '' || !Number.isFinite(yearly) || yearly > 12_000_000) {
			const message = raw === '' ? 'Indiquez les revenus annuels du foyer.' : YEARLY_MESSAGE;
			return { ok: false, message, fields: { yearlyIncome: message } };
		}
		yearlyCents = Math.round(yearly * 100);
		monthly = (Math.round(yearlyCents / 12) / 100).toFixed(2);
	}
	const read = readQuoteQuery(
		{
			monthlyResources: monthly,
			children: input.children,
			aeehChildren: input.aeehChildren,
			hoursPerWeek: input.hoursPerWeek,
			weeksPerYear: input.weeksPerYear,
			date: today
		},
		{ today, weeksPerYear: () => scale.defaults.weeksPerYear }
	);
	if (!read.ok) {
		const fields = { ...read.fields };
		if (yearlyCents !== null && fields.monthlyResources) {
			fields.yearlyIncome = YEARLY_MESSAGE;
			delete fields.monthlyResources;
		}
		return { ok: false, message: read.message, fields };
	}
	const onDate = scaleOn(scale, today);
	if (!onDate) return { ok: false, message: noScaleMessage(scale), fields: {} };
	const q = read.value;
	const r = quote(q, onDate);
	return {
		ok: true,
		simulation: {
			query: q,
			yearlyCents,
			rate: r.rate,
			bracket: r.rate.bracket,
			monthlyAmountCents: r.monthlyAmountCents,
			monthlyHours: r.monthlyHours,
			ratesFrom: onDate.ratesFrom,
			boundsFrom: onDate.boundsFrom
		}
	};
}

const euros = (cents: number) =>
	new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** An exact hourly rate (micro-cents) with its significant decimals: « 1,548 € ». */
export const exactEuros = (microCents: number) =>
	new Intl.NumberFormat('fr-FR', {
		style: 'currency',
		currency: 'EUR',
		minimumFractionDigits: 2,
		maximumFractionDigits: 5
	}).format(microCents / 100_000_000);

const decimalFr = (n: number, digits = 2) =>
	new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(n);

/** The computation explained step by step (French sentences). */
export function explanation(s: Simulation): string[] {
	const r = s.rate;
	const q = s.query;
	const lines: string[] = [];
	const typed = q.monthlyResourcesCents;
	const typedText =
		s.yearlyCents !== null
			? `${euros(s.yearlyCents)} par an ÷ 12 = ${euros(typed)} par mois`
			: `${euros(typed)} par mois`;
	if (r.clamped === 'floor')
		lines.push(
			`Ressources retenues : ${euros(r.resourcesUsedCents)} par mois. Vos ressources (${typedText}) sont inférieures au plancher de ${euros(r.floorCents)} : le plancher s’applique.`
		);
	else if (r.clamped === 'ceiling')
		lines.push(
			`Ressources retenues : ${euros(r.resourcesUsedCents)} par mois. Vos ressources (${typedText}) dépassent le plafond de ${euros(r.ceilingCents)} : le plafond s’applique.`
		);
	else
		lines.push(
			`Ressources retenues : ${typedText}, entre le plancher (${euros(r.floorCents)}) et le plafond (${euros(r.ceilingCents)}).`
		);
	const aeeh =
		q.aeehChildren > 0
			? `, dont ${q.aeehChildren} bénéficiant de l’AEEH : le taux de la tranche suivante s’applique (${BRACKET_LABELS[s.bracket]})`
			: '';
	lines.push(
		`Taux d’effort : ${decimalFr(effortPercent(r.effortRatePpm), 4)} % par heure pour ${q.children} enfant${q.children > 1 ? 's' : ''} à charge${aeeh}.`
	);
	lines.push(
		`Tarif horaire : ${euros(r.resourcesUsedCents)} × ${decimalFr(effortPercent(r.effortRatePpm), 4)} % = ${exactEuros(r.rateMicroCents)}, soit ${euros(r.hourlyRateCents)} arrondi au centime.`
	);
	lines.push(
		`Heures mensuelles : ${decimalFr(q.minutesPerWeek / 60)} h par semaine × ${q.weeksPerYear} semaines ÷ 12 mois = ${decimalFr(s.monthlyHours)} h.`
	);
	lines.push(
		`Montant mensuel : ${decimalFr(s.monthlyHours)} h × ${exactEuros(r.rateMicroCents)} = ${euros(s.monthlyAmountCents)} (arrondi au centime à la fin du calcul).`
	);
	return lines;
}
