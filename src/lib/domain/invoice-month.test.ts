// A month's invoice of a contract: whole and partial months, extra hours, deductions, missing
// resources, French labels, each line rounded once and the total never below 0.
import { describe, expect, it } from 'vitest';
import {
	computeMonthInvoice,
	monthShare,
	openingDays,
	type MonthInvoiceInput,
	type MonthTerms
} from './invoice-month';
import type { ScaleOnDate } from './tariff';

/** The scale in force on 2025-10-01 (migration 016's seed). */
const SCALE: ScaleOnDate = {
	date: '2025-10-01',
	ratesPpm: { 1: 619, 2: 516, 3: 413, 4: 310, 8: 206 },
	ratesFrom: '2022-01-01',
	floorCents: 81462,
	ceilingCents: 850000,
	boundsFrom: '2025-09-01'
};

/** 3 000 € a month, 2 children (1,548 € an hour), 37 h 30 a week over 5 days, 47 weeks, 12 months. */
const TERMS: MonthTerms = {
	minutesPerWeek: 2250,
	daysPerWeek: 5,
	weeksPerYear: 47,
	monthsBilled: 12,
	monthlyResourcesCents: 300000,
	dependentChildren: 2,
	aeehChildren: 0
};

const input = (over: Partial<MonthInvoiceInput> = {}): MonthInvoiceInput => ({
	month: '2025-10',
	contract: { startDate: '2025-01-06', endDate: '2026-07-31' },
	terms: TERMS,
	scale: SCALE,
	entries: [],
	illnessWaitingDays: 3,
	...over
});

describe('computeMonthInvoice', () => {
	it('bills a whole month: 146,88 h × 1,55 € (exact rate 1,548 €), rounded once', () => {
		const r = computeMonthInvoice(input());
		// 2250 min × 47 / 12 = 146,875 h × 1,548 € = 227,3625 € → 227,36 €
		expect(r.lines).toEqual([
			{
				kind: 'contract',
				label: 'Contrat mensualisé : 146,88 h × 1,55 €',
				quantity: '146,88 h',
				amountCents: 22736
			}
		]);
		expect(r.amountCents).toBe(22736);
		expect(r.computation).toMatchObject({
			resourcesUsedCents: 300000,
			effortRatePpm: 516,
			hourlyRateCents: 155,
			monthlyHours: 146.88,
			share: { num: 1, den: 1 },
			ratesFrom: '2022-01-01',
			boundsFrom: '2025-09-01'
		});
	});

	it('prorates a contract starting mid-month by opening days', () => {
		// October 2025: 23 opening days; from Wednesday 15th: 13 of them.
		const r = computeMonthInvoice(
			input({ contract: { startDate: '2025-10-15', endDate: '2026-07-31' } })
		);
		expect(r.computation.share).toEqual({ num: 13, den: 23 });
		expect(r.lines[0]!.label).toBe(
			'Contrat mensualisé : 146,88 h × 1,55 € × 13/23 jours d’ouverture'
		);
		// 227,3625 × 13 / 23 = 128,5092… → 128,51 €
		expect(r.amountCents).toBe(12851);
	});

	it('prorates a contract ending mid-month by opening days', () => {
		// 1st to Friday 10th October 2025: 8 opening days of 23.
		const r = computeMonthInvoice(
			input({ contract: { startDate: '2025-01-06', endDate: '2025-10-10' } })
		);
		expect(r.computation.share).toEqual({ num: 8, den: 23 });
		// 227,3625 × 8 / 23 = 79,0826… → 79,08 €
		expect(r.amountCents).toBe(7908);
	});

	it('adds extra hours at the same exact rate', () => {
		const r = computeMonthInvoice(input({ entries: [{ kind: 'extra_hours', minutes: 210 }] }));
		expect(r.lines[1]).toEqual({
			kind: 'extra_hours',
			label: 'Heures complémentaires : 3,5 h × 1,55 €',
			quantity: '3,5 h',
			amountCents: 542 // 3,5 × 1,548 = 5,418
		});
		expect(r.amountCents).toBe(22736 + 542);
	});

	it('deducts a closure and a hospitalisation day for day (a day = the week’s hours / 5)', () => {
		const r = computeMonthInvoice(
			input({
				entries: [
					{ kind: 'closure', days: 2 },
					{ kind: 'hospitalisation', days: 1 }
				]
			})
		);
		// a day: 7,5 h × 1,548 = 11,61 €
		expect(r.lines.slice(1)).toEqual([
			{
				kind: 'closure',
				label: 'Fermeture de la structure : 2 jours déduits',
				quantity: '2 jours',
				amountCents: -2322
			},
			{
				kind: 'hospitalisation',
				label: 'Hospitalisation de l’enfant : 1 jour déduit',
				quantity: '1 jour',
				amountCents: -1161
			}
		]);
		expect(r.amountCents).toBe(22736 - 2322 - 1161);
	});

	it('deducts nothing for an illness within the waiting days', () => {
		const r = computeMonthInvoice(input({ entries: [{ kind: 'illness', days: 3 }] }));
		expect(r.lines[1]).toMatchObject({
			label:
				'Maladie avec certificat médical : 3 jours d’absence dont 3 jours de carence, 0 jour déduit',
			amountCents: 0
		});
		expect(r.amountCents).toBe(22736);
	});

	it('deducts the illness days beyond the waiting days', () => {
		const r = computeMonthInvoice(input({ entries: [{ kind: 'illness', days: 5 }] }));
		expect(r.lines[1]).toMatchObject({
			label:
				'Maladie avec certificat médical : 5 jours d’absence dont 3 jours de carence, 2 jours déduits',
			amountCents: -2322
		});
		expect(r.amountCents).toBe(22736 - 2322);
	});

	it('never goes below 0: deductions larger than the month are capped at what it bills', () => {
		const r = computeMonthInvoice(
			input({
				contract: { startDate: '2025-10-27', endDate: '2026-07-31' },
				entries: [
					{ kind: 'closure', days: 5 },
					{ kind: 'hospitalisation', days: 10 }
				]
			})
		);
		// 5 opening days of 23: 227,3625 × 5 / 23 = 49,43 €; the closure alone takes 58,05 €.
		expect(r.lines[0]!.amountCents).toBe(4943);
		expect(r.lines[1]).toMatchObject({
			amountCents: -4943,
			label: 'Fermeture de la structure : 5 jours déduits (limitée au montant du mois)'
		});
		expect(r.lines[2]!.amountCents).toBe(0);
		expect(r.amountCents).toBe(0);
		expect(r.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(0);
	});

	it('bills missing resources at the plafond', () => {
		const r = computeMonthInvoice(
			input({ terms: { ...TERMS, monthlyResourcesCents: null, dependentChildren: 1 } })
		);
		// 8 500 € × 0,0619 % = 5,2615 € an hour; 146,875 h → 772,78 €
		expect(r.computation).toMatchObject({
			monthlyResourcesCents: null,
			resourcesUsedCents: 850000,
			hourlyRateCents: 526
		});
		expect(r.lines[0]!.label).toBe('Contrat mensualisé : 146,88 h × 5,26 €');
		expect(r.amountCents).toBe(77278);
	});

	it('shifts the bracket for an AEEH child', () => {
		const r = computeMonthInvoice(input({ terms: { ...TERMS, aeehChildren: 1 } }));
		expect(r.computation.effortRatePpm).toBe(413);
	});
});

describe('opening days', () => {
	it('counts Monday to Friday', () => {
		expect(openingDays('2025-10-01', '2025-10-31')).toBe(23);
		expect(openingDays('2025-10-04', '2025-10-05')).toBe(0);
		expect(monthShare('2025-10', { startDate: '2025-09-01', endDate: null })).toEqual({
			num: 1,
			den: 1
		});
	});
});
