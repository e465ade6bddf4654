// The PSU scale on the staff desk: every agent reads it with who entered each value; admins add
// dated values (rates, plancher/plafond, parameters) and the service's identity; a value dated in
// a month already invoiced is refused (409) and nothing is written; every change is audited.
import { beforeEach, describe, expect, it } from 'vitest';
import {
	createHarness,
	signedInParent,
	signedInStaff,
	type CookieJar,
	type Harness
} from '../test/harness';
import { insertContract, insertInvoice } from './test-fixtures';

let h: Harness;
let admin: CookieJar;
let agent: CookieJar;
beforeEach(async () => {
	h = createHarness(); // its clock: 26 novembre 2026
	admin = (await signedInStaff(h, 'admin', { firstNames: 'Aline', lastName: 'Admin' })).jar;
	agent = (await signedInStaff(h, 'staff')).jar;
});

const RATES_2027 = { '1': 0.0625, '2': 0.052, '3': '0,0417', '4': 0.0313, '8': 0.0208 };
const auditActions = () =>
	(h.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map(
		(r) => r.action
	);
const quote = async (date: string, resources = 10000) =>
	(
		await h.call(
			'GET',
			`/api/tariff/quote?monthlyResources=${resources}&children=1&hoursPerWeek=20&date=${date}`
		)
	).json();

/** An invoice of November 2026 (some family's), as H-run issues it. */
async function invoiceNovember() {
	await signedInParent(h);
	const { household_id } = h.db
		.prepare("SELECT household_id FROM users WHERE role = 'parent' LIMIT 1")
		.get() as { household_id: string };
	const contract = insertContract(h.db, { householdId: household_id });
	insertInvoice(h.db, contract, household_id, '2026-11', 12345);
}

describe('GET /api/agent/billing/scale', () => {
	it('an agent reads the seeded scale, read-only; the seed has no author', async () => {
		const res = await h.call('GET', '/api/agent/billing/scale', undefined, agent);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.canEdit).toBe(false);
		expect(body.effortRates).toHaveLength(4);
		expect(body.effortRates[3]).toEqual({
			effectiveFrom: '2022-01-01',
			ratesPpm: { 1: 619, 2: 516, 3: 413, 4: 310, 8: 206 },
			createdAt: null,
			createdBy: null
		});
		expect(body.bounds.at(-1)).toMatchObject({ floorCents: 81462, ceilingCents: 850000 });
		expect(body.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
			'default_weeks_per_year',
			'illness_waiting_days',
			'payment_due_days'
		]);
		expect(body.parameters[0].label).toEqual(expect.any(String));
		expect(body).toMatchObject({ lastInvoicedMonth: null, defaults: { weeksPerYear: 47 } });
		const asAdmin = await (
			await h.call('GET', '/api/agent/billing/scale', undefined, admin)
		).json();
		expect(asAdmin.canEdit).toBe(true);
	});
});

describe('admins add dated values', () => {
	it('new effort rates apply from their date (quote before and after), named and audited', async () => {
		const res = await h.call(
			'POST',
			'/api/agent/billing/scale/effort-rates',
			{ effectiveFrom: '2027-01-01', rates: RATES_2027 },
			admin
		);
		expect(res.status).toBe(201);
		expect((await quote('2026-12-31')).effortRate).toBe(0.0619);
		expect((await quote('2027-01-01')).effortRate).toBe(0.0625);
		const scale = await (await h.call('GET', '/api/agent/billing/scale', undefined, agent)).json();
		expect(scale.effortRates.at(-1)).toMatchObject({
			effectiveFrom: '2027-01-01',
			ratesPpm: { 1: 625, 2: 520, 3: 417, 4: 313, 8: 208 },
			createdBy: 'Aline Admin',
			createdAt: new Date(h.clock.now()).toISOString()
		});
		expect(auditActions()).toContain('billing.scale.rates');
	});

	it('a new plafond with its note, from its date; the public scale shows it', async () => {
		const res = await h.call(
			'POST',
			'/api/agent/billing/scale/bounds',
			{ effectiveFrom: '2027-01-01', floor: '850,00', ceiling: 9000, note: 'Circulaire 2027.' },
			admin
		);
		expect(res.status).toBe(201);
		expect((await quote('2026-12-31')).plafond).toBe(8500);
		expect(await quote('2027-01-01')).toMatchObject({ plafond: 9000, plancher: 850 });
		const pub = await (await h.call('GET', '/api/tariff/scale')).json();
		expect(pub.bounds.at(-1)).toEqual({
			effectiveFrom: '2027-01-01',
			floorCents: 85000,
			ceilingCents: 900000,
			note: 'Circulaire 2027.'
		});
		expect(auditActions()).toContain('billing.scale.bounds');
	});

	it('a parameter: 50 weeks from 2027 becomes the quote’s default from then', async () => {
		const res = await h.call(
			'POST',
			'/api/agent/billing/scale/parameters',
			{ name: 'default_weeks_per_year', effectiveFrom: '2027-01-01', value: 50 },
			admin
		);
		expect(res.status).toBe(201);
		expect((await quote('2026-12-31')).monthlyHours).toBe(78.33); // 20 × 47 / 12
		expect((await quote('2027-01-01')).monthlyHours).toBe(83.33); // 20 × 50 / 12
		expect(auditActions()).toContain('billing.parameter');
	});

	it('re-entering a date not yet invoiced corrects its value (audit keeps the previous one)', async () => {
		const body = { effectiveFrom: '2027-01-01', floor: 850, ceiling: 9000 };
		await h.call('POST', '/api/agent/billing/scale/bounds', body, admin);
		await h.call('POST', '/api/agent/billing/scale/bounds', { ...body, ceiling: 9100 }, admin);
		expect((await quote('2027-02-01')).plafond).toBe(9100);
		const detail = JSON.parse(
			(
				h.db
					.prepare(
						"SELECT detail FROM audit_log WHERE action = 'billing.scale.bounds' ORDER BY id DESC"
					)
					.get() as { detail: string }
			).detail
		);
		expect(detail.previous).toEqual({ floorCents: 85000, ceilingCents: 900000 });
	});
});

describe('a month already invoiced is closed to new values', () => {
	it.each([
		['/api/agent/billing/scale/effort-rates', { effectiveFrom: '2026-11-15', rates: RATES_2027 }],
		['/api/agent/billing/scale/bounds', { effectiveFrom: '2026-11-01', floor: 850, ceiling: 9000 }],
		['/api/agent/billing/scale/bounds', { effectiveFrom: '2025-01-01', floor: 850, ceiling: 9000 }],
		[
			'/api/agent/billing/scale/parameters',
			{ name: 'illness_waiting_days', effectiveFrom: '2026-11-01', value: 2 }
		]
	])('%s dated %o → 409 in French, nothing written', async (path, body) => {
		await invoiceNovember();
		const before = JSON.stringify(await (await h.call('GET', '/api/tariff/scale')).json());
		const res = await h.call('POST', path, body, admin);
		expect(res.status).toBe(409);
		const { error } = await res.json();
		expect(error.message).toBe(
			'Les factures de novembre 2026 sont déjà émises : une nouvelle valeur ne peut s’appliquer qu’à partir du 1er décembre 2026.'
		);
		expect(JSON.stringify(await (await h.call('GET', '/api/tariff/scale')).json())).toBe(before);
		expect(auditActions().filter((a) => a.startsWith('billing.'))).toEqual([]);
	});

	it('a run in progress closes its month too (its invoices are being computed on the scale)', async () => {
		h.db
			.prepare(
				"INSERT INTO invoice_runs (id, month, status, planned, started_at) VALUES ('run-1', '2026-12', 'running', 3, 0)"
			)
			.run();
		const res = await h.call(
			'POST',
			'/api/agent/billing/scale/bounds',
			{ effectiveFrom: '2026-12-01', floor: 850, ceiling: 9000 },
			admin
		);
		expect(res.status).toBe(409);
		expect((await res.json()).error.message).toMatch(
			/^Les factures de décembre 2026 sont en cours d’émission/
		);
	});

	it('the month after the last invoiced one is open', async () => {
		await invoiceNovember();
		const res = await h.call(
			'POST',
			'/api/agent/billing/scale/bounds',
			{ effectiveFrom: '2026-12-01', floor: 850, ceiling: 9000 },
			admin
		);
		expect(res.status).toBe(201);
	});
});

describe('bad input → 400 in French, nothing written', () => {
	it.each([
		[
			'/api/agent/billing/scale/effort-rates',
			{ effectiveFrom: '2027-01-01', rates: { ...RATES_2027, '2': 0.07 } },
			'rates',
			'Le taux d’effort ne peut pas augmenter avec le nombre d’enfants : vérifiez l’ordre des taux.'
		],
		[
			'/api/agent/billing/scale/effort-rates',
			{ effectiveFrom: '2027-01-01', rates: { ...RATES_2027, '1': 6.19 } },
			'rates.1',
			/pourcentage supérieur à 0 et inférieur à 1/
		],
		[
			'/api/agent/billing/scale/effort-rates',
			{ effectiveFrom: '2027-02-30', rates: RATES_2027 },
			'effectiveFrom',
			/date valide/
		],
		[
			'/api/agent/billing/scale/bounds',
			{ effectiveFrom: '2027-01-01', floor: 9000, ceiling: 850 },
			'ceiling',
			'Le plafond doit être supérieur au plancher.'
		],
		[
			'/api/agent/billing/scale/bounds',
			{ effectiveFrom: '2027-01-01', floor: 'huit cents', ceiling: 9000 },
			'floor',
			/montant en euros/
		],
		[
			'/api/agent/billing/scale/parameters',
			{ name: 'default_weeks_per_year', effectiveFrom: '2027-01-01', value: 60 },
			'value',
			'La valeur est hors des limites de ce paramètre.'
		],
		[
			'/api/agent/billing/scale/parameters',
			{ name: 'tva', effectiveFrom: '2027-01-01', value: 5 },
			'name',
			'Choisissez un paramètre de la liste.'
		]
	])('%s %o → 400 on %s', async (path, body, field, message) => {
		const before = JSON.stringify(
			await (await h.call('GET', '/api/agent/billing/scale', undefined, admin)).json()
		);
		const res = await h.call('POST', path, body, admin);
		expect(res.status).toBe(400);
		const { error } = await res.json();
		expect(error.fields[field]).toMatch(message);
		expect(
			JSON.stringify(
				await (await h.call('GET', '/api/agent/billing/scale', undefined, admin)).json()
			)
		).toBe(before);
	});

	it('an agent cannot write (403), nothing written', async () => {
		const res = await h.call(
			'POST',
			'/api/agent/billing/scale/bounds',
			{ effectiveFrom: '2027-01-01', floor: 850, ceiling: 9000 },
			agent
		);
		expect(res.status).toBe(403);
		expect((await quote('2027-02-01')).plafond).toBe(8500);
	});
});

describe('GET|PUT /api/agent/billing/settings', () => {
	it('the seeded identity; an admin changes it (audited), an agent only reads', async () => {
		const seeded = await (
			await h.call('GET', '/api/agent/billing/settings', undefined, agent)
		).json();
		expect(seeded.name).toBe('Vienne Condrieu Agglomération — Service petite enfance');
		const next = {
			...seeded,
			name: 'Service petite enfance',
			addressLines: ['1 place de la Mairie', '', '38200 Vienne'],
			siret: '20007701400012'
		};
		expect((await h.call('PUT', '/api/agent/billing/settings', next, agent)).status).toBe(403);
		const res = await h.call('PUT', '/api/agent/billing/settings', next, admin);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			name: 'Service petite enfance',
			addressLines: ['1 place de la Mairie', '38200 Vienne']
		});
		expect(auditActions()).toContain('billing.settings');
	});

	it('a name missing and a bad e-mail → 400 per field', async () => {
		const res = await h.call(
			'PUT',
			'/api/agent/billing/settings',
			{ name: ' ', addressLines: ['x'], email: 'pas-un-courriel', paymentText: 'Payez.' },
			admin
		);
		expect(res.status).toBe(400);
		const { error } = await res.json();
		expect(Object.keys(error.fields).sort()).toEqual(['email', 'name']);
	});
});
