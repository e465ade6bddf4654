// The yearly tax certificate per child: the amounts PAID in the year (not invoiced, not pending),
// a payment of another year excluded, a child 6 or older on 1 January not eligible (French
// reason), another household's child a 404; the PDF read back shows the amount, the provider, the
// period, meals excluded and the 2042 RICI boxes.
import { beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../pdf/pdf-text';
import {
	createHarness,
	signedInParent,
	signedInStaff,
	type CookieJar,
	type Harness
} from '../test/harness';
import { insertContract as insertBillableContract } from './fixtures';
import { insertContract, insertInvoice, insertPayment } from './test-fixtures';
import { parisYear } from './tax-certificate';

let h: Harness;
beforeEach(() => {
	h = createHarness(); // its clock: 26 novembre 2026
});

async function family(): Promise<{ jar: CookieJar; householdId: string }> {
	const { jar, body } = await signedInParent(h);
	const { household_id } = h.db
		.prepare('SELECT household_id FROM users WHERE username = ?')
		.get(body.username) as { household_id: string };
	return { jar, householdId: household_id };
}

const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('GET /api/family/tax-certificates', () => {
	it('per child and year: what was paid that year only, eligibility by age on 1 January', async () => {
		const { jar, householdId } = await family();
		const lea = insertContract(h.db, { householdId, childName: 'Léa', birthDate: '2024-03-10' });
		const tom = insertContract(h.db, { householdId, childName: 'Tom', birthDate: '2019-12-31' });
		const jan = insertInvoice(h.db, lea, householdId, '2026-01', 30000, 'Léa');
		const feb = insertInvoice(h.db, lea, householdId, '2026-02', 25050, 'Léa');
		const mar = insertInvoice(h.db, lea, householdId, '2026-03', 40000, 'Léa');
		const dec = insertInvoice(h.db, lea, householdId, '2025-12', 10000, 'Léa');
		const tomJan = insertInvoice(h.db, tom, householdId, '2026-01', 20000, 'Tom');
		insertPayment(h.db, jan, householdId, 30000, '2026-02-03T10:00:00.000Z');
		insertPayment(h.db, feb, householdId, 25050, '2026-03-02T10:00:00.000Z');
		insertPayment(h.db, mar, householdId, 40000, null, 'pending'); // not paid
		insertPayment(h.db, mar, householdId, 40000, null, 'refused'); // not paid
		// Paid in the last minutes of 2025 in Paris (UTC 22:30): counts for 2025, not 2026.
		insertPayment(h.db, dec, householdId, 10000, '2025-12-31T22:30:00.000Z');
		insertPayment(h.db, tomJan, householdId, 20000, '2026-02-01T09:00:00.000Z');

		const res = await h.call('GET', '/api/family/tax-certificates', undefined, jar);
		expect(res.status).toBe(200);
		expect((await res.json()).items).toEqual([
			{ year: 2026, childId: lea.childId, childName: 'Léa', paidCents: 55050, eligible: true },
			{
				year: 2026,
				childId: tom.childId,
				childName: 'Tom',
				paidCents: 20000,
				eligible: false,
				reason:
					'Tom avait 6 ans ou plus au 1er janvier 2026 : les frais de garde de cette année n’ouvrent pas droit au crédit d’impôt.'
			},
			{ year: 2025, childId: lea.childId, childName: 'Léa', paidCents: 10000, eligible: true }
		]);
	});

	it('a child born on 1 January six years before is 6 that day: not eligible; the day after: eligible', async () => {
		const { jar, householdId } = await family();
		const six = insertContract(h.db, { householdId, childName: 'Ana', birthDate: '2020-01-01' });
		const five = insertContract(h.db, { householdId, childName: 'Bob', birthDate: '2020-01-02' });
		insertPayment(
			h.db,
			insertInvoice(h.db, six, householdId, '2026-01', 100, 'Ana'),
			householdId,
			100,
			'2026-02-01T09:00:00Z'
		);
		insertPayment(
			h.db,
			insertInvoice(h.db, five, householdId, '2026-01', 100, 'Bob'),
			householdId,
			100,
			'2026-02-01T09:00:00Z'
		);
		const { items } = await (
			await h.call('GET', '/api/family/tax-certificates', undefined, jar)
		).json();
		expect(
			items.map((i: { childName: string; eligible: boolean }) => [i.childName, i.eligible])
		).toEqual([
			['Ana', false],
			['Bob', true]
		]);
	});

	it('no birth date anywhere: not eligible, and says so', async () => {
		const { jar, householdId } = await family();
		const lea = insertContract(h.db, { householdId, birthDate: null });
		insertPayment(
			h.db,
			insertInvoice(h.db, lea, householdId, '2026-01', 100),
			householdId,
			100,
			'2026-02-01T09:00:00Z'
		);
		const { items } = await (
			await h.call('GET', '/api/family/tax-certificates', undefined, jar)
		).json();
		expect(items[0]).toMatchObject({
			eligible: false,
			reason:
				'La date de naissance de Léa n’est pas connue du service : contactez-le pour obtenir l’attestation.'
		});
	});

	it('anonymous → 401; a household with no payment → an empty list', async () => {
		expect((await h.call('GET', '/api/family/tax-certificates')).status).toBe(401);
		const { jar } = await family();
		const res = await h.call('GET', '/api/family/tax-certificates', undefined, jar);
		expect(await res.json()).toEqual({ items: [] });
	});
});

describe('GET /api/family/tax-certificates/:year/:childId (PDF)', () => {
	it('the PDF read back: provider, child, amount paid in the year, period, meals excluded, 2042 RICI', async () => {
		const { jar, householdId } = await family();
		const lea = insertContract(h.db, { householdId, childName: 'Léa', birthDate: '2024-03-10' });
		const jan = insertInvoice(h.db, lea, householdId, '2026-01', 123456, 'Léa');
		const feb = insertInvoice(h.db, lea, householdId, '2026-02', 20000, 'Léa');
		insertPayment(h.db, jan, householdId, 123456, '2026-02-03T10:00:00.000Z');
		insertPayment(h.db, feb, householdId, 20000, '2027-01-05T10:00:00.000Z'); // next year's

		const res = await h.call(
			'GET',
			`/api/family/tax-certificates/2026/${lea.childId}`,
			undefined,
			jar
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="attestation-fiscale-2026-lea.pdf"'
		);
		const text = flat(pdfText(new Uint8Array(await res.arrayBuffer())));
		expect(text).toContain('Vienne Condrieu Agglomération — Service petite enfance');
		expect(text).toContain('38217 Vienne Cedex');
		expect(text).toContain('Attestation fiscale 2026');
		expect(text).toContain('Léa');
		expect(text).toContain('né(e) le 10 mars 2024');
		expect(text).toContain('Montant payé en 2026 : 1 234,56 €');
		expect(text).not.toContain('200,00 €');
		expect(text).toContain('du 1er janvier 2026 au 26 novembre 2026');
		expect(text).toContain('Mois de garde concernés : janvier 2026.');
		expect(text).toContain('Repas exclus');
		expect(text).toContain('2042 RICI, cases 7GA à 7GC');
		expect(text).toContain('moins de 6 ans au 1er janvier 2026');
	});

	it('another household’s child → 404; a year without payment → 404; a child 6+ → 409 with the reason', async () => {
		const mine = await family();
		const other = await family();
		const theirs = insertContract(h.db, { householdId: other.householdId, childName: 'Zoé' });
		insertPayment(
			h.db,
			insertInvoice(h.db, theirs, other.householdId, '2026-01', 100, 'Zoé'),
			other.householdId,
			100,
			'2026-02-01T09:00:00Z'
		);
		const stolen = await h.call(
			'GET',
			`/api/family/tax-certificates/2026/${theirs.childId}`,
			undefined,
			mine.jar
		);
		expect(stolen.status).toBe(404);
		expect((await stolen.json()).error.message).toBe(
			'Aucune attestation fiscale n’est disponible pour cet enfant et cette année.'
		);
		expect(
			(
				await h.call(
					'GET',
					`/api/family/tax-certificates/2025/${theirs.childId}`,
					undefined,
					other.jar
				)
			).status
		).toBe(404);
		expect(
			(
				await h.call(
					'GET',
					`/api/family/tax-certificates/20x6/${theirs.childId}`,
					undefined,
					other.jar
				)
			).status
		).toBe(404);

		const big = insertContract(h.db, {
			householdId: mine.householdId,
			childName: 'Tom',
			birthDate: '2018-05-01'
		});
		insertPayment(
			h.db,
			insertInvoice(h.db, big, mine.householdId, '2026-01', 100, 'Tom'),
			mine.householdId,
			100,
			'2026-02-01T09:00:00Z'
		);
		const old = await h.call(
			'GET',
			`/api/family/tax-certificates/2026/${big.childId}`,
			undefined,
			mine.jar
		);
		expect(old.status).toBe(409);
		expect((await old.json()).error.message).toMatch(
			/^Tom avait 6 ans ou plus au 1er janvier 2026/
		);
	});
});

describe('after a real run', () => {
	it('the month the run issued and the family paid (227,36 €) is on the certificate; an unpaid one is not', async () => {
		const { jar, householdId } = await family();
		const agent = (await signedInStaff(h)).jar;
		const contractId = insertBillableContract(h.db, { householdId, childName: 'Léa EXEMPLE' });
		for (const month of ['2026-09', '2026-10']) {
			const res = await h.call('POST', '/api/agent/billing/runs', { month }, agent);
			expect(res.status).toBe(202);
			const { id } = await res.json();
			for (let i = 0; i < 500; i++) {
				const run = await (
					await h.call('GET', `/api/agent/billing/runs/${id}`, undefined, agent)
				).json();
				if (run.status === 'done') break;
				await new Promise((r) => setTimeout(r, 5));
			}
		}
		const invoices = h.db
			.prepare('SELECT id, month, amount_cents FROM invoices WHERE contract_id = ? ORDER BY month')
			.all(contractId) as { id: string; month: string; amount_cents: number }[];
		expect(invoices.map((i) => [i.month, i.amount_cents])).toEqual([
			['2026-09', 22736],
			['2026-10', 22736]
		]);
		insertPayment(h.db, invoices[0].id, householdId, 22736, '2026-10-12T08:30:00.000Z');

		const { items } = await (
			await h.call('GET', '/api/family/tax-certificates', undefined, jar)
		).json();
		expect(items).toEqual([
			expect.objectContaining({
				year: 2026,
				childName: 'Léa EXEMPLE',
				paidCents: 22736,
				eligible: true
			})
		]);
		const pdf = await h.call(
			'GET',
			`/api/family/tax-certificates/2026/${items[0].childId}`,
			undefined,
			jar
		);
		const text = flat(pdfText(new Uint8Array(await pdf.arrayBuffer())));
		expect(text).toContain('Montant payé en 2026 : 227,36 €');
		expect(text).toContain('Mois de garde concernés : septembre 2026.');
		expect(text).toContain('Madame Alice TESTEUSE');
	});
});

describe('parisYear', () => {
	it('the Paris calendar year of the payment instant', () => {
		expect(parisYear('2025-12-31T22:59:59Z')).toBe(2025);
		expect(parisYear('2025-12-31T23:00:00Z')).toBe(2026);
		expect(parisYear('2026-06-30T23:30:00+02:00')).toBe(2026);
		expect(parisYear('2026-01-01T00:10:00')).toBe(2026);
	});
});
