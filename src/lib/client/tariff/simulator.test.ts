// The simulator computes what GET /api/tariff/quote answers, from the scale kept on the device,
// and explains it.
import { describe, expect, it } from 'vitest';
import type { PublicScale } from '$domain/tariff-quote';
import { explanation, simulate, type SimulatorInput } from './simulator';

const SCALE: PublicScale = {
	effortRates: [
		{ effectiveFrom: '2021-01-01', ratesPpm: { 1: 615, 2: 512, 3: 410, 4: 307, 8: 205 } },
		{ effectiveFrom: '2022-01-01', ratesPpm: { 1: 619, 2: 516, 3: 413, 4: 310, 8: 206 } }
	],
	bounds: [
		{ effectiveFrom: '2021-01-01', floorCents: 70527, ceilingCents: 530000, note: null },
		{ effectiveFrom: '2025-09-01', floorCents: 81462, ceilingCents: 850000, note: null }
	],
	defaults: { weeksPerYear: 47 }
};

const input = (over: Partial<SimulatorInput> = {}): SimulatorInput => ({
	mode: 'monthly',
	monthlyResources: '3000',
	yearlyIncome: '',
	children: '2',
	aeehChildren: '0',
	hoursPerWeek: '37,5',
	weeksPerYear: '',
	...over
});

const ok = (r: ReturnType<typeof simulate>) => {
	if (!r.ok) throw new Error(r.message);
	return r.simulation;
};

describe('simulate', () => {
	it('3 000 € a month, 2 children, 37.5 h, default 47 weeks: 1.55 €/h, 227.36 € a month, explained', () => {
		const s = ok(simulate(SCALE, input(), '2026-11-27'));
		expect(s.rate.hourlyRateCents).toBe(155);
		expect(s.monthlyAmountCents).toBe(22736);
		expect(s.monthlyHours).toBe(146.88);
		const text = explanation(s)
			.join('\n')
			.replace(/[\u00a0\u202f]/g, ' ');
		expect(text).toContain(
			'Ressources retenues : 3 000,00 € par mois, entre le plancher (814,62 €)'
		);
		expect(text).toContain('Taux d’effort : 0,0516 % par heure pour 2 enfants à charge.');
		expect(text).toContain('3 000,00 € × 0,0516 % = 1,548 €, soit 1,55 € arrondi au centime.');
		expect(text).toContain('37,5 h par semaine × 47 semaines ÷ 12 mois = 146,88 h.');
		expect(text).toContain('146,88 h × 1,548 € = 227,36 €');
	});

	it('yearly income: 30 000 € a year in 2021 = 2 500 € a month, 1.28 €', () => {
		const s = ok(
			simulate(
				SCALE,
				input({ mode: 'yearly', yearlyIncome: '30 000', monthlyResources: '' }),
				'2021-06-01'
			)
		);
		expect(s.query.monthlyResourcesCents).toBe(250000);
		expect(s.rate.hourlyRateCents).toBe(128);
		expect(explanation(s)[0].replace(/[\u00a0\u202f]/g, ' ')).toContain(
			'30 000,00 € par an ÷ 12 = 2 500,00 € par mois'
		);
	});

	it('below the plancher, above the plafond, AEEH: says which applies', () => {
		const low = ok(simulate(SCALE, input({ monthlyResources: '500' }), '2026-01-01'));
		expect(explanation(low)[0]).toMatch(/inférieures au plancher .* le plancher s’applique/);
		const high = ok(simulate(SCALE, input({ monthlyResources: '12000' }), '2026-01-01'));
		expect(high.rate.resourcesUsedCents).toBe(850000);
		expect(explanation(high)[0]).toMatch(/dépassent le plafond .* le plafond s’applique/);
		const aeeh = ok(simulate(SCALE, input({ aeehChildren: '1' }), '2026-01-01'));
		expect(aeeh.rate.effortRatePpm).toBe(413);
		expect(explanation(aeeh)[1]).toContain('dont 1 bénéficiant de l’AEEH');
	});

	it('bad input: French messages on the fields typed', () => {
		const r = simulate(SCALE, input({ monthlyResources: 'beaucoup', children: '0' }), '2026-01-01');
		expect(r).toMatchObject({
			ok: false,
			fields: {
				monthlyResources: expect.stringMatching(/montant en euros/),
				children: expect.stringMatching(/entre 1 et 30/)
			}
		});
		const y = simulate(SCALE, input({ mode: 'yearly', yearlyIncome: '' }), '2026-01-01');
		expect(y).toMatchObject({
			ok: false,
			fields: { yearlyIncome: 'Indiquez les revenus annuels du foyer.' }
		});
	});

	it('no scale on the day: says from when', () => {
		const r = simulate(SCALE, input(), '2020-06-01');
		expect(r).toMatchObject({ ok: false, fields: {} });
		if (!r.ok) expect(r.message).toMatch(/à partir du 1er janvier 2021/);
	});
});
