import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	ANOMALY,
	contractAnomalies,
	EntryInput,
	eurosToCents,
	quarterHoursToMinutes,
	TermsInput
} from './contract-terms';

const caf = (resourcesDate: string) => ({
	monthlyResourcesCents: 300000,
	resourcesSource: 'caf' as const,
	resourcesDate
});

describe('contract anomalies', () => {
	const today = '2026-11-26';
	it('terms missing, resources missing (plafond), CAF figure older than a year', () => {
		expect(contractAnomalies({ endDate: null, status: 'Admis' }, null, today)).toEqual([
			ANOMALY.termsMissing
		]);
		expect(
			contractAnomalies(
				{ endDate: null, status: 'Admis' },
				{ monthlyResourcesCents: null, resourcesSource: 'none', resourcesDate: null },
				today
			)
		).toEqual(['Ressources non renseignées : le plafond s’applique']);
		expect(contractAnomalies({ endDate: null, status: 'Admis' }, caf('2025-11-26'), today)).toEqual(
			[]
		);
		expect(contractAnomalies({ endDate: null, status: 'Admis' }, caf('2025-11-25'), today)).toEqual(
			['Ressources CAF datées de plus d’un an']
		);
	});

	it('a contract ending within 60 days, not one already ended nor one ending later', () => {
		const ending = (endDate: string) =>
			contractAnomalies({ endDate, status: 'Admis' }, caf('2026-10-01'), today);
		expect(ending('2027-01-25')).toEqual(['Contrat se terminant le 25 janvier 2027']);
		expect(ending('2026-11-26')).toEqual(['Contrat se terminant le 26 novembre 2026']);
		expect(ending('2027-01-26')).toEqual([]);
		expect(ending('2026-11-25')).toEqual([]);
	});
});

describe('typed amounts', () => {
	it('hours in quarter hours, euros with two decimals at most', () => {
		expect(quarterHoursToMinutes(37.5)).toBe(2250);
		expect(quarterHoursToMinutes(37.25)).toBe(2235);
		expect(quarterHoursToMinutes(37.3)).toBeNull();
		expect(eurosToCents(2500.1)).toBe(250010);
		expect(eurosToCents(0.29)).toBe(29);
		expect(eurosToCents(10.005)).toBeNull();
	});

	it('terms: 55 hours at most, AEEH children among the dependent children', () => {
		const base = {
			hoursPerWeek: 55,
			daysPerWeek: 5,
			weeksPerYear: 52,
			monthlyResources: 0,
			resourcesSource: 'tax_notice',
			resourcesDate: '2026-01-01',
			dependentChildren: 8,
			aeehChildren: 8
		};
		expect(v.safeParse(TermsInput, base).success).toBe(true);
		expect(v.safeParse(TermsInput, { ...base, hoursPerWeek: 55.25 }).success).toBe(false);
		expect(v.safeParse(TermsInput, { ...base, aeehChildren: 9 }).success).toBe(false);
		expect(v.safeParse(TermsInput, { ...base, monthlyResources: 10.001 }).success).toBe(false);
	});

	it('entries: hours for extra hours, days for deductions', () => {
		const ok = (e: Record<string, unknown>) =>
			v.safeParse(EntryInput, { contractId: 'c', month: '2026-11', ...e }).success;
		expect(ok({ kind: 'extra_hours', hours: 0.25 })).toBe(true);
		expect(ok({ kind: 'extra_hours', days: 2 })).toBe(false);
		expect(ok({ kind: 'illness', days: 4 })).toBe(true);
		expect(ok({ kind: 'illness', days: 0 })).toBe(false);
		expect(ok({ kind: 'closure', days: 1, month: '2026-13' })).toBe(false);
	});
});
