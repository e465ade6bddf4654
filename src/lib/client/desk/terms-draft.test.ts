import { describe, expect, it } from 'vitest';
import { decimal, termsBody, termsDraft } from './terms-draft';

describe('terms draft', () => {
	it('reads French decimals; blank resources mean none (the plafond applies)', () => {
		expect(decimal('37,5')).toBe(37.5);
		expect(decimal(' 3 000,50 ')).toBe(3000.5);
		expect(decimal('')).toBeNull();
		expect(decimal('douze')).toBeNaN();
		const d = { ...termsDraft(null), hoursPerWeek: '37,5', monthlyResources: '' };
		expect(termsBody(d)).toMatchObject({
			hoursPerWeek: 37.5,
			daysPerWeek: 5,
			weeksPerYear: 47,
			monthsBilled: 12,
			monthlyResources: null,
			resourcesSource: 'none',
			dependentChildren: 1,
			aeehChildren: 0
		});
	});

	it('an amendment starts from the terms in force, in euros', () => {
		const d = termsDraft({
			id: 1,
			effectiveFrom: '2026-09-01',
			hoursPerWeek: 40,
			minutesPerWeek: 2400,
			daysPerWeek: 5,
			weeksPerYear: 47,
			monthsBilled: 12,
			monthlyResourcesCents: 300050,
			resourcesSource: 'caf',
			resourcesDate: '2026-08-01',
			dependentChildren: 2,
			aeehChildren: 0,
			reason: null,
			createdAt: '',
			createdBy: null
		});
		expect(d.monthlyResources).toBe('3000,5');
		expect(termsBody({ ...d, effectiveFrom: '2027-01-01', reason: ' Reprise ' })).toMatchObject({
			effectiveFrom: '2027-01-01',
			monthlyResources: 3000.5,
			resourcesSource: 'caf',
			resourcesDate: '2026-08-01',
			reason: 'Reprise'
		});
	});
});
