import { describe, expect, it } from 'vitest';
import type { InvoiceComputation } from '$lib/domain/invoice';
import { computationSteps, creditableCents, creditNoteInput } from './computation';
import { parseEurosToCents } from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const computation: InvoiceComputation = {
	monthlyResourcesCents: 250000,
	resourcesUsedCents: 250000,
	floorCents: 80130,
	ceilingCents: 700000,
	clamped: null,
	dependentChildren: 2,
	aeehChildren: 1,
	effortRatePpm: 516,
	rateMicroCents: 129_000_000,
	hourlyRateCents: 129,
	minutesPerWeek: 40 * 60,
	weeksPerYear: 45,
	monthsBilled: 11,
	monthlyHours: 163.64,
	share: { num: 1, den: 1 },
	ratesFrom: '2026-01-01',
	boundsFrom: '2026-01-01'
};

describe('the hourly rate explained to the agent', () => {
	it('walks from the resources to the monthly hours', () => {
		expect(computationSteps(computation).map(nbsp)).toEqual([
			'Ressources mensuelles déclarées : 2 500,00 €.',
			'Plancher 801,30 €, plafond 7 000,00 € (en vigueur depuis le 1er janvier 2026) : ressources retenues 2 500,00 €.',
			'Taux d’effort pour 3 enfants (2 à charge dont 1 bénéficiaire de l’AEEH : tranche supérieure) : 0,0516 % (barème du 1er janvier 2026).',
			'Tarif horaire : 2 500,00 € × 0,0516 % = 1,29 €.',
			'Heures mensualisées : 40 h par semaine × 45 semaines ÷ 11 mois = 163,64 h.'
		]);
	});

	it('says the plafond applied for missing resources, and a month billed in part', () => {
		const steps = computationSteps({
			...computation,
			monthlyResourcesCents: null,
			resourcesUsedCents: 700000,
			clamped: 'ceiling',
			aeehChildren: 0,
			share: { num: 12, den: 20 }
		}).map(nbsp);
		expect(steps[0]).toBe('Ressources mensuelles : non communiquées, le plafond s’applique.');
		expect(steps[1]).toMatch(/ressources retenues 7 000,00 € \(plafond appliqué\)\.$/);
		expect(steps[2]).toMatch(/^Taux d’effort pour 2 enfants : /);
		expect(steps[5]).toBe(
			'Mois commencé ou terminé en cours : 12 jours d’ouverture sur 20 facturés.'
		);
	});
});

describe('a credit note typed by the agent', () => {
	it('may take off at most what remains due (after payments and earlier credit notes)', () => {
		expect(creditableCents({ kind: 'invoice', dueCents: 25000 })).toBe(25000);
		expect(creditableCents({ kind: 'credit_note', dueCents: 0 })).toBe(0);
	});

	it('is sent in euros with its reason, or refused in French with the field to correct', () => {
		const check = (amount: string, reason: string) =>
			creditNoteInput(amount, reason, 25000, parseEurosToCents);
		expect(check('12,50', ' Fermeture non déduite ')).toEqual({
			ok: true,
			body: { amount: 12.5, reason: 'Fermeture non déduite' }
		});
		expect(check('douze', 'x')).toMatchObject({ ok: false, field: 'amount' });
		expect(check('0', 'x')).toMatchObject({
			ok: false,
			message: 'Le montant de l’avoir doit être supérieur à 0 €.'
		});
		const tooMuch = check('250,01', 'x');
		expect(tooMuch.ok ? '' : nbsp(tooMuch.message)).toBe(
			'L’avoir ne peut pas dépasser ce qui reste dû sur cette facture : 250,00 €.'
		);
		expect(check('250', '  ')).toMatchObject({ ok: false, field: 'reason' });
	});
});
