// The reference's worked examples (../shared/reference/psu-bareme.md) and the scale's rules.
import { describe, expect, it } from 'vitest';
import {
	bracketFor,
	deductibleDays,
	deductionCents,
	extraHoursCents,
	hourlyRate,
	monthlyAmountCents,
	quote,
	scaleOn,
	type TariffScale
} from './tariff';

const rates = (from: string, r: [number, number, number, number, number]) => ({
	effectiveFrom: from,
	ratesPpm: { 1: r[0], 2: r[1], 3: r[2], 4: r[3], 8: r[4] }
});

/** The seed of migration 016, as the admins would find it. */
const SCALE: TariffScale = {
	effortRates: [
		rates('2019-09-01', [605, 504, 403, 302, 202]),
		rates('2020-01-01', [610, 508, 406, 305, 203]),
		rates('2021-01-01', [615, 512, 410, 307, 205]),
		rates('2022-01-01', [619, 516, 413, 310, 206])
	],
	bounds: [
		{ effectiveFrom: '2019-09-01', floorCents: 70527, ceilingCents: 530000 },
		{ effectiveFrom: '2022-01-01', floorCents: 70527, ceilingCents: 600000 },
		{ effectiveFrom: '2024-01-01', floorCents: 76577, ceilingCents: 600000 },
		{ effectiveFrom: '2024-09-01', floorCents: 76577, ceilingCents: 700000 },
		{ effectiveFrom: '2025-01-01', floorCents: 81462, ceilingCents: 700000 },
		{ effectiveFrom: '2025-09-01', floorCents: 81462, ceilingCents: 850000 }
	]
};

const on = (date: string) => {
	const s = scaleOn(SCALE, date);
	if (!s) throw new Error(`no scale on ${date}`);
	return s;
};
const euros = (micro: number) => micro / 100 / 1_000_000;

describe('worked examples of the reference', () => {
	it('3 000 € a month, 2 children: 1.548 € an hour', () => {
		const r = hourlyRate({ monthlyResourcesCents: 300000, children: 2 }, on('2025-10-01'));
		expect(euros(r.rateMicroCents)).toBeCloseTo(1.548, 10);
		expect(r.hourlyRateCents).toBe(155);
	});
	it('7 000 € a month, 1 child: 4.333 € an hour', () => {
		const r = hourlyRate({ monthlyResourcesCents: 700000, children: 1 }, on('2025-10-01'));
		expect(euros(r.rateMicroCents)).toBeCloseTo(4.333, 10);
	});
	it('30 000 € a year, 2 children, 2021 rate: 1.28 €', () => {
		const r = hourlyRate({ monthlyResourcesCents: 250000, children: 2 }, on('2021-06-01'));
		expect(r.effortRatePpm).toBe(512);
		expect(r.hourlyRateCents).toBe(128);
	});
	it('32 360 € a year, 3 children, 2021 rate: 1.11 €', () => {
		const r = hourlyRate(
			{ monthlyResourcesCents: Math.round(3236000 / 12), children: 3 },
			on('2021-06-01')
		);
		expect(r.hourlyRateCents).toBe(111);
	});
	it('the 2019 floor, 1 child, 2020 rate: 0.43 €', () => {
		const r = hourlyRate({ monthlyResourcesCents: 70527, children: 1 }, on('2020-06-01'));
		expect(r.hourlyRateCents).toBe(43);
	});
});

describe('plancher and plafond by date', () => {
	it('resources below the floor in force count as the floor', () => {
		const r = hourlyRate({ monthlyResourcesCents: 50000, children: 1 }, on('2025-03-01'));
		expect(r.resourcesUsedCents).toBe(81462);
		expect(r.clamped).toBe('floor');
	});
	it('the ceiling moves on its effective date, for current contracts too', () => {
		const before = hourlyRate({ monthlyResourcesCents: 900000, children: 1 }, on('2025-08-31'));
		const after = hourlyRate({ monthlyResourcesCents: 900000, children: 1 }, on('2025-09-01'));
		expect(before.resourcesUsedCents).toBe(700000);
		expect(after.resourcesUsedCents).toBe(850000);
		expect(after.clamped).toBe('ceiling');
	});
	it('no resources given: the ceiling applies, flagged', () => {
		const r = hourlyRate({ monthlyResourcesCents: null, children: 2 }, on('2026-01-15'));
		expect(r.resourcesUsedCents).toBe(850000);
		expect(r.missingResources).toBe(true);
	});
	it('no scale before its first date', () => {
		expect(scaleOn(SCALE, '2019-08-31')).toBeNull();
	});
});

describe('brackets', () => {
	it('AEEH shifts one bracket per AEEH child; 8 or more share the last bracket', () => {
		expect(bracketFor(1, 1)).toBe(2);
		expect(bracketFor(3, 1)).toBe(4);
		expect(bracketFor(7, 0)).toBe(4);
		expect(bracketFor(7, 1)).toBe(8);
		expect(bracketFor(11, 0)).toBe(8);
		const r = hourlyRate(
			{ monthlyResourcesCents: 300000, children: 1, aeehChildren: 1 },
			on('2026-01-01')
		);
		expect(r.effortRatePpm).toBe(516);
		expect(
			hourlyRate({ monthlyResourcesCents: 300000, children: 9 }, on('2026-01-01')).effortRatePpm
		).toBe(206);
	});
});

describe('amounts, rounded once at the end', () => {
	const rate = hourlyRate({ monthlyResourcesCents: 300000, children: 2 }, on('2026-01-01'));
	it('monthly amount uses the exact rate: 40 h × 47 / 12 × 1.548 €', () => {
		const hours = { minutesPerWeek: 2400, weeksPerYear: 47, monthsBilled: 12 };
		// 156.666… h × 1.548 € = 242.52 € (with the rounded 1.55 € it would be 242.83 €)
		expect(monthlyAmountCents(hours, rate)).toBe(24252);
		expect(
			quote({ monthlyResourcesCents: 300000, children: 2, ...hours }, on('2026-01-01')).monthlyHours
		).toBe(156.67);
	});
	it('extra hours at the same rate', () => {
		expect(extraHoursCents(90, rate)).toBe(232); // 1.5 h × 1.548 = 2.322
	});
	it('illness deducts the days beyond the waiting days; closure all days', () => {
		expect(deductibleDays('illness', 5, 3)).toBe(2);
		expect(deductibleDays('illness', 2, 3)).toBe(0);
		expect(deductibleDays('closure', 2, 3)).toBe(2);
		// 2 days of 8 h at 1.548 €
		expect(deductionCents(2, { minutesPerWeek: 2400, daysPerWeek: 5 }, rate)).toBe(2477);
	});
});
