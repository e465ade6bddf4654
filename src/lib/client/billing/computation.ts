// How an invoice's hourly rate and monthly hours were computed, as French sentences for the
// desk's invoice detail (the PDF prints the same facts). Pure: from the invoice's computation.
import { frenchLongDay } from '$lib/domain/french-date';
import { formatEuros, type InvoiceComputation } from '$lib/domain/invoice';
import { BRACKET_LABELS, bracketFor, effortPercent } from '$lib/domain/tariff';
import type { InvoiceDetail } from './types';

const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 });

/** « 0,0619 % » for 619 ppm. */
export const effortText = (ppm: number) => `${PERCENT.format(effortPercent(ppm))} %`;

/** The steps, in order, from the resources to the monthly hours. */
export function computationSteps(c: InvoiceComputation): string[] {
	const steps: string[] = [];
	steps.push(
		c.monthlyResourcesCents === null
			? 'Ressources mensuelles : non communiquées, le plafond s’applique.'
			: `Ressources mensuelles déclarées : ${formatEuros(c.monthlyResourcesCents)}.`
	);
	const clamp =
		c.clamped === 'floor'
			? ' (plancher appliqué)'
			: c.clamped === 'ceiling'
				? ' (plafond appliqué)'
				: '';
	steps.push(
		`Plancher ${formatEuros(c.floorCents)}, plafond ${formatEuros(c.ceilingCents)} (en vigueur depuis le ${frenchLongDay(c.boundsFrom)}) : ressources retenues ${formatEuros(c.resourcesUsedCents)}${clamp}.`
	);
	const bracket = BRACKET_LABELS[bracketFor(c.dependentChildren, c.aeehChildren)];
	const aeeh =
		c.aeehChildren > 0
			? ` (${c.dependentChildren} à charge dont ${c.aeehChildren} bénéficiaire${c.aeehChildren > 1 ? 's' : ''} de l’AEEH : tranche supérieure)`
			: '';
	steps.push(
		`Taux d’effort pour ${bracket}${aeeh} : ${effortText(c.effortRatePpm)} (barème du ${frenchLongDay(c.ratesFrom)}).`
	);
	steps.push(
		`Tarif horaire : ${formatEuros(c.resourcesUsedCents)} × ${effortText(c.effortRatePpm)} = ${formatEuros(c.hourlyRateCents)}.`
	);
	steps.push(
		`Heures mensualisées : ${DECIMAL.format(c.minutesPerWeek / 60)} h par semaine × ${c.weeksPerYear} semaines ÷ ${c.monthsBilled} mois = ${DECIMAL.format(c.monthlyHours)} h.`
	);
	if (c.share.num !== c.share.den)
		steps.push(
			`Mois commencé ou terminé en cours : ${c.share.num} jours d’ouverture sur ${c.share.den} facturés.`
		);
	return steps;
}

/** What a new credit note may still take off: what remains due (none on a credit note). */
export function creditableCents(invoice: Pick<InvoiceDetail, 'kind' | 'dueCents'>): number {
	return invoice.kind === 'invoice' ? Math.max(0, invoice.dueCents) : 0;
}

export const AMOUNT_INVALID = 'Indiquez le montant de l’avoir en euros, par exemple 12,50.';
export const AMOUNT_ZERO = 'Le montant de l’avoir doit être supérieur à 0 €.';
export const REASON_MISSING = 'Indiquez le motif de l’avoir : il est imprimé sur l’avoir.';
export const amountTooHigh = (max: number) =>
	`L’avoir ne peut pas dépasser ce qui reste dû sur cette facture : ${formatEuros(max)}.`;

/** What the server needs (euros, as the API reads them), or the French reason and its field. */
export function creditNoteInput(
	typedAmount: string,
	reason: string,
	maxCents: number,
	parse: (typed: string) => number | null
):
	| { ok: true; body: { amount: number; reason: string } }
	| { ok: false; field: 'amount' | 'reason'; message: string } {
	const cents = parse(typedAmount);
	if (cents === null) return { ok: false, field: 'amount', message: AMOUNT_INVALID };
	if (cents === 0) return { ok: false, field: 'amount', message: AMOUNT_ZERO };
	if (cents > maxCents) return { ok: false, field: 'amount', message: amountTooHigh(maxCents) };
	if (!reason.trim()) return { ok: false, field: 'reason', message: REASON_MISSING };
	return { ok: true, body: { amount: cents / 100, reason: reason.trim() } };
}
