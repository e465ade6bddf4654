// GET /api/tariff/quote (the contract) and GET /api/tariff/scale on real SQLite: the
// reference's worked examples through the endpoint, plancher and plafond by date, AEEH, 8+
// children, defaults, and bad input answered 400 in French, parameter by parameter.
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/harness';

let h: Harness;
beforeEach(() => {
	h = createHarness(); // its clock: 26 novembre 2026
});

const quote = async (params: Record<string, string | number>) => {
	const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
	const res = await h.call('GET', `/api/tariff/quote?${qs}`);
	return { status: res.status, body: await res.json(), res };
};

describe('GET /api/tariff/quote: the reference’s worked examples', () => {
	it('3 000 € a month, 2 children, 37.5 h × 47 weeks: 1.55 € an hour, the exact rate × 146.875 h', async () => {
		const { status, body, res } = await quote({
			monthlyResources: 3000,
			children: 2,
			hoursPerWeek: 37.5,
			weeksPerYear: 47,
			date: '2025-10-01'
		});
		expect(status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		// 3 000 × 0.0516 % = 1.548 €/h; 37.5 × 47 / 12 = 146.875 h; × 1.548 = 227.3625 → 227.36
		expect(body).toEqual({
			hourlyRate: 1.55,
			monthlyAmount: 227.36,
			monthlyHours: 146.88,
			resourcesUsed: 3000,
			plancher: 814.62,
			plafond: 8500,
			effortRate: 0.0516
		});
	});

	it('7 000 € a month, 1 child: 4.33 € an hour (0.0619 %)', async () => {
		const { body } = await quote({
			monthlyResources: 7000,
			children: 1,
			hoursPerWeek: 10,
			weeksPerYear: 12,
			date: '2025-10-01'
		});
		// 4.333 €/h × 10 h exactly a month
		expect(body).toMatchObject({ hourlyRate: 4.33, monthlyAmount: 43.33, effortRate: 0.0619 });
	});

	it('2 500 € a month, 2 children in 2021: 1.28 €; 32 360 € a year, 3 children: 1.11 €', async () => {
		const a = await quote({
			monthlyResources: 2500,
			children: 2,
			hoursPerWeek: 40,
			date: '2021-06-01'
		});
		expect(a.body).toMatchObject({ hourlyRate: 1.28, effortRate: 0.0512 });
		const b = await quote({
			monthlyResources: '2696,67',
			children: 3,
			hoursPerWeek: 40,
			date: '2021-06-01'
		});
		expect(b.body).toMatchObject({ hourlyRate: 1.11, effortRate: 0.041 });
	});

	it('705.27 € (floor of 2019) with 1 child in 2020: 0.43 €', async () => {
		const { body } = await quote({
			monthlyResources: 705.27,
			children: 1,
			hoursPerWeek: 20,
			date: '2020-03-02'
		});
		expect(body).toMatchObject({ hourlyRate: 0.43, effortRate: 0.061, plancher: 705.27 });
	});
});

describe('GET /api/tariff/quote: the scale by date', () => {
	it('plancher by date: 500 € is raised to 765.77 € in 2024, to 814.62 € in 2025', async () => {
		const y2024 = await quote({
			monthlyResources: 500,
			children: 1,
			hoursPerWeek: 20,
			date: '2024-06-01'
		});
		expect(y2024.body).toMatchObject({ resourcesUsed: 765.77, plancher: 765.77, plafond: 6000 });
		const y2025 = await quote({
			monthlyResources: 500,
			children: 1,
			hoursPerWeek: 20,
			date: '2025-02-01'
		});
		expect(y2025.body).toMatchObject({ resourcesUsed: 814.62, hourlyRate: 0.5 });
	});

	it('plafond by date: 9 000 € is capped at 7 000 € in August 2025, at 8 500 € from September', async () => {
		const aug = await quote({
			monthlyResources: 9000,
			children: 1,
			hoursPerWeek: 20,
			date: '2025-08-31'
		});
		expect(aug.body).toMatchObject({ resourcesUsed: 7000, plafond: 7000, hourlyRate: 4.33 });
		const sep = await quote({
			monthlyResources: 9000,
			children: 1,
			hoursPerWeek: 20,
			date: '2025-09-01'
		});
		expect(sep.body).toMatchObject({ resourcesUsed: 8500, plafond: 8500, hourlyRate: 5.26 });
	});

	it('AEEH: one child more per AEEH child (1 child + AEEH = the 2-child rate)', async () => {
		const base = { monthlyResources: 3000, hoursPerWeek: 20, date: '2025-10-01' };
		expect((await quote({ ...base, children: 1, aeehChildren: 1 })).body.effortRate).toBe(0.0516);
		expect((await quote({ ...base, children: 3, aeehChildren: 1 })).body.effortRate).toBe(0.031);
	});

	it('8 children or more: 0.0206 %; 4 to 7 share one rate', async () => {
		const base = { monthlyResources: 3000, hoursPerWeek: 20, date: '2025-10-01' };
		expect((await quote({ ...base, children: 8 })).body.effortRate).toBe(0.0206);
		expect((await quote({ ...base, children: 12 })).body.effortRate).toBe(0.0206);
		expect((await quote({ ...base, children: 4 })).body.effortRate).toBe(0.031);
		expect((await quote({ ...base, children: 7 })).body.effortRate).toBe(0.031);
		expect((await quote({ ...base, children: 7, aeehChildren: 1 })).body.effortRate).toBe(0.0206);
	});

	it('date defaults to today in Paris, weeks to the scale’s 47, AEEH to none', async () => {
		const { body } = await quote({ monthlyResources: 3000, children: 2, hoursPerWeek: 37.5 });
		expect(body).toMatchObject({ monthlyHours: 146.88, plafond: 8500, effortRate: 0.0516 });
	});

	it('follows an admin’s new plafond from its date', async () => {
		h.db
			.prepare(
				"INSERT INTO tariff_resource_bounds (effective_from, floor_cents, ceiling_cents, created_at) VALUES ('2026-01-01', 85000, 900000, 0)"
			)
			.run();
		const { body } = await quote({
			monthlyResources: 10000,
			children: 1,
			hoursPerWeek: 20,
			date: '2026-01-05'
		});
		expect(body).toMatchObject({ plancher: 850, plafond: 9000, resourcesUsed: 9000 });
	});
});

describe('GET /api/tariff/quote: bad input → 400 in French', () => {
	it('missing parameters are named one by one', async () => {
		const { status, body } = await quote({});
		expect(status).toBe(400);
		expect(body.error.code).toBe('validation');
		expect(body.error.message).toBe('Certaines informations sont invalides ou manquantes.');
		expect(body.error.fields).toEqual({
			monthlyResources: 'Indiquez les ressources mensuelles du foyer.',
			children: 'Indiquez le nombre d’enfants à charge.',
			hoursPerWeek: 'Indiquez le nombre d’heures par semaine.'
		});
	});

	it.each([
		[{ monthlyResources: '-5' }, 'monthlyResources', /montant en euros/],
		[{ monthlyResources: 'abc' }, 'monthlyResources', /montant en euros/],
		[{ monthlyResources: '12.345' }, 'monthlyResources', /centime/],
		[{ monthlyResources: '1e9' }, 'monthlyResources', /montant en euros/],
		[{ children: '0' }, 'children', /entre 1 et 30/],
		[{ children: '2.5' }, 'children', /entre 1 et 30/],
		[{ aeehChildren: '3' }, 'aeehChildren', /ne peuvent pas être plus nombreux/],
		[{ hoursPerWeek: '0' }, 'hoursPerWeek', /supérieur à 0/],
		[{ hoursPerWeek: '80' }, 'hoursPerWeek', /au plus 55/],
		[{ weeksPerYear: '53' }, 'weeksPerYear', /entre 1 et 52/],
		[{ date: '2025-02-30' }, 'date', /date valide/]
	])('%o → 400 on %s', async (bad, field, message) => {
		const { status, body } = await quote({
			monthlyResources: 3000,
			children: 2,
			hoursPerWeek: 37.5,
			...bad
		});
		expect(status).toBe(400);
		expect(Object.keys(body.error.fields)).toEqual([field]);
		expect(body.error.fields[field]).toMatch(message);
		expect(body.error.message).toBe(body.error.fields[field]);
	});

	it('a date before the scale starts → 400 that says from when', async () => {
		const { status, body } = await quote({
			monthlyResources: 3000,
			children: 2,
			hoursPerWeek: 20,
			date: '2019-08-31'
		});
		expect(status).toBe(400);
		expect(body.error.message).toBe(
			'Le barème national n’est pas connu à cette date : choisissez une date à partir du 1er septembre 2019.'
		);
	});

	it('accepts French decimals: « 2 500,50 » € and « 37,5 » h', async () => {
		const { status, body } = await quote({
			monthlyResources: '2 500,50',
			children: 2,
			hoursPerWeek: '37,5',
			date: '2025-10-01'
		});
		expect(status).toBe(200);
		expect(body.resourcesUsed).toBe(2500.5);
	});
});

describe('GET /api/tariff/quote: odd values never break it', () => {
	it('every parameter × odd values → 200 or a French 400, never a 5xx', async () => {
		const ODD = [
			'',
			' ',
			'-5',
			'0',
			'1e9',
			'abc',
			'0x10',
			'NaN',
			'Infinity',
			'3000.999',
			'9'.repeat(400),
			'½',
			'1,2,3',
			'2025-13-01'
		];
		const base = {
			monthlyResources: '3000',
			children: '2',
			hoursPerWeek: '37.5',
			date: '2025-10-01'
		};
		const params = [
			'monthlyResources',
			'children',
			'aeehChildren',
			'hoursPerWeek',
			'weeksPerYear',
			'date'
		];
		let count = 0;
		for (const p of params)
			for (const odd of ODD) {
				const { status, body } = await quote({ ...base, [p]: odd });
				count++;
				expect([200, 400], `${p}=${odd}`).toContain(status);
				if (status === 400) expect(body.error.message).toMatch(/[a-zé]/);
			}
		expect(count).toBe(params.length * ODD.length);
	});
});

describe('GET /api/tariff/scale', () => {
	it('public, cacheable 5 minutes: every dated set of rates and bounds, the default weeks', async () => {
		const res = await h.call('GET', '/api/tariff/scale');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=300');
		const body = await res.json();
		expect(body.effortRates.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual([
			'2019-09-01',
			'2020-01-01',
			'2021-01-01',
			'2022-01-01'
		]);
		expect(body.effortRates[3].ratesPpm).toEqual({ 1: 619, 2: 516, 3: 413, 4: 310, 8: 206 });
		expect(body.bounds).toHaveLength(6);
		expect(body.bounds[5]).toEqual({
			effectiveFrom: '2025-09-01',
			floorCents: 81462,
			ceilingCents: 850000,
			note: 'Plafond applicable à tous les contrats, y compris en cours.'
		});
		expect(body.defaults).toEqual({ weeksPerYear: 47 });
	});
});
