// The PDF of an invoice or a credit note (pdf-lib through TextPdf): the service's identity, the
// number, issue and due dates, the family, the child, the structure and month, the lines, how the
// hourly rate was computed, the amount, and how to pay with the reference to quote.
import {
	formatEuros,
	type InvoiceComputation,
	type InvoiceLine
} from '../../src/lib/domain/invoice';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { frenchEuros, frenchHours } from '../../src/lib/domain/invoice-month';
import { frenchMonth } from '../../src/lib/domain/french-date';
import { BRACKET_LABELS, bracketFor, effortPercent } from '../../src/lib/domain/tariff';
import { TextPdf } from '../pdf/text-pdf';
import type { BillingSettings } from '../../src/lib/domain/tariff-admin';

export interface InvoicePrint {
	kind: 'invoice' | 'credit_note';
	number: string;
	/** Credit note: the number of the invoice it corrects. */
	creditsNumber?: string | null;
	issueDate: string;
	dueDate: string;
	month: string;
	familyName: string;
	familyAddress: string[];
	childName: string;
	structureName: string;
	lines: InvoiceLine[];
	amountCents: number;
	computation: InvoiceComputation | null;
	/** Credit note: why. */
	reason?: string | null;
}

const frPercent = (ppm: number) =>
	`${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 }).format(effortPercent(ppm))} %`;

/** How the hourly rate was computed, as printed (one sentence per line). */
export function computationLines(c: InvoiceComputation): string[] {
	const bracket = bracketFor(c.dependentChildren, c.aeehChildren);
	const resources =
		c.monthlyResourcesCents === null
			? `Ressources non communiquées : le plafond s’applique (${formatEuros(c.ceilingCents)}).`
			: `Ressources mensuelles retenues : ${formatEuros(c.resourcesUsedCents)}${
					c.clamped === 'floor'
						? ` (plancher ; ressources déclarées ${formatEuros(c.monthlyResourcesCents)})`
						: c.clamped === 'ceiling'
							? ` (plafond ; ressources déclarées ${formatEuros(c.monthlyResourcesCents)})`
							: ''
				}.`;
	const exactRate = c.rateMicroCents / 100_000_000;
	return [
		resources,
		`Plancher ${formatEuros(c.floorCents)}, plafond ${formatEuros(c.ceilingCents)} (en vigueur depuis le ${frenchLongDay(c.boundsFrom)}).`,
		`Enfants à charge : ${c.dependentChildren}${c.aeehChildren ? `, AEEH : ${c.aeehChildren} enfant${c.aeehChildren > 1 ? 's' : ''} (une tranche de plus chacun)` : ''} ; tranche « ${BRACKET_LABELS[bracket]} ».`,
		`Taux d’effort horaire : ${frPercent(c.effortRatePpm)} (barème du ${frenchLongDay(c.ratesFrom)}).`,
		`Tarif horaire : ${formatEuros(c.resourcesUsedCents)} × ${frPercent(c.effortRatePpm)} = ${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 }).format(exactRate)} €, soit ${frenchEuros(c.hourlyRateCents)} arrondi.`,
		`Heures mensualisées : ${frenchHours(c.minutesPerWeek / 60)} par semaine × ${c.weeksPerYear} semaines / ${c.monthsBilled} mois = ${frenchHours(c.monthlyHours)}.`,
		...(c.share.num !== c.share.den
			? [`Mois partiel : ${c.share.num} jours d’ouverture sur ${c.share.den}.`]
			: [])
	];
}

export async function invoicePdf(p: InvoicePrint, s: BillingSettings): Promise<Uint8Array> {
	const credit = p.kind === 'credit_note';
	const title = credit
		? `Avoir n° ${p.number} sur la facture ${p.creditsNumber ?? ''}`
		: `Facture n° ${p.number}`;
	const pdf = await TextPdf.create({ title, author: s.name });
	pdf.text(s.name, { bold: true, size: 11 });
	for (const line of s.addressLines) pdf.text(line);
	pdf.text(`Tél. ${s.phone} — ${s.email}`);
	pdf.text(`SIRET ${s.siret}`, { muted: true });
	pdf.space(10);
	pdf.text(p.familyName, { bold: true, indent: 280 });
	for (const line of p.familyAddress) pdf.text(line, { indent: 280 });
	pdf.space(8);
	pdf.heading(title, 1);
	pdf.text(`Date d’émission : ${frenchLongDay(p.issueDate)}`);
	if (!credit) pdf.text(`Date d’échéance : ${frenchLongDay(p.dueDate)}`);
	pdf.text(`Enfant : ${p.childName}`);
	pdf.text(`Structure : ${p.structureName}`);
	pdf.text(`Mois facturé : ${frenchMonth(p.month)}`);
	if (credit && p.reason) pdf.text(`Motif : ${p.reason}`);

	pdf.heading('Détail');
	for (const line of p.lines)
		pdf.text(`${line.label} : ${formatEuros(line.amountCents)}`, { indent: 12 });
	pdf.space(4);
	pdf.text(
		credit
			? `Montant de l’avoir : ${formatEuros(p.amountCents)} (déduit de la facture ${p.creditsNumber ?? ''})`
			: `Montant à payer : ${formatEuros(p.amountCents)}`,
		{ bold: true, size: 12 }
	);

	if (p.computation) {
		pdf.heading('Calcul du tarif horaire (barème national PSU de la CNAF)');
		for (const line of computationLines(p.computation)) pdf.text(line, { indent: 12 });
	}
	if (!credit) {
		pdf.heading('Comment payer');
		pdf.text(s.paymentText);
		pdf.text(`Référence à rappeler : ${p.number}`, { bold: true });
	}
	return pdf.save();
}
