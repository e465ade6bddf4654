// The invoice PDF read back: how the rate was computed for the cases a family asks about —
// resources below the plancher, none given (plafond), an AEEH child, a month begun mid-way.
import { describe, expect, it } from 'vitest';
import { computeMonthInvoice } from '../../src/lib/domain/invoice-month';
import type { ScaleOnDate } from '../../src/lib/domain/tariff';
import { pdfText } from '../pdf/pdf-text';
import { STANDARD_TERMS } from './fixtures';
import { invoicePdf } from './invoice-pdf';

const SCALE: ScaleOnDate = {
	date: '2026-10-01',
	ratesPpm: { 1: 619, 2: 516, 3: 413, 4: 310, 8: 206 },
	ratesFrom: '2022-01-01',
	floorCents: 81462,
	ceilingCents: 850000,
	boundsFrom: '2025-09-01'
};
const SETTINGS = {
	name: 'Service petite enfance',
	addressLines: ['1 rue de la Mairie', '38200 Vienne'],
	phone: '04 00 00 00 00',
	email: 'pe@example.localhost',
	siret: '000',
	paymentText: 'Payez en ligne.'
};
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

async function printed(
	terms: Partial<typeof STANDARD_TERMS>,
	contract = { startDate: '2026-01-05', endDate: null as string | null }
) {
	const inv = computeMonthInvoice({
		month: '2026-10',
		contract,
		terms: { ...STANDARD_TERMS, ...terms },
		scale: SCALE,
		entries: [],
		illnessWaitingDays: 3
	});
	const pdf = await invoicePdf(
		{
			kind: 'invoice',
			number: 'F2026-000042',
			issueDate: '2026-11-26',
			dueDate: '2026-12-26',
			month: '2026-10',
			familyName: 'Madame Fernande HUBY',
			familyAddress: ['3 Rue du Test', '38200 Vienne'],
			childName: 'Léa HUBY',
			structureName: 'Cocon de Soie',
			lines: inv.lines,
			amountCents: inv.amountCents,
			computation: inv.computation
		},
		SETTINGS
	);
	return { inv, text: plain(pdfText(pdf)) };
}

describe('invoice PDF', () => {
	it('resources below the plancher: the plancher is retained, the declared figure shown', async () => {
		const { text } = await printed({ monthlyResourcesCents: 50000, dependentChildren: 1 });
		expect(text).toContain(
			'Ressources mensuelles retenues : 814,62 € (plancher ; ressources déclarées 500,00 €).'
		);
		expect(text).toContain('Tarif horaire : 814,62 € × 0,0619 % = 0,5042 €, soit 0,50 € arrondi.');
	});

	it('no resources: the plafond, said so', async () => {
		const { text, inv } = await printed({ monthlyResourcesCents: null, dependentChildren: 1 });
		expect(text).toContain('Ressources non communiquées : le plafond s’applique (8 500,00 €).');
		expect(text).toContain(`Montant à payer : 772,78 €`);
		expect(inv.amountCents).toBe(77278);
	});

	it('an AEEH child moves the bracket; a month begun mid-way says its opening days', async () => {
		const { text } = await printed({ aeehChildren: 1 }, { startDate: '2026-10-15', endDate: null });
		expect(text).toContain('tranche « 3 enfants »');
		expect(text).toContain('Taux d’effort horaire : 0,0413 %');
		expect(text).toMatch(/Mois partiel : \d+ jours d’ouverture sur 22\./);
	});
});
