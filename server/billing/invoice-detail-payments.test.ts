// The desk's invoice detail shows each online payment as the bank answered it: outcome, means,
// amount and the authorisation number (numauto) an agent quotes when a family calls.
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, signedInStaff, type CookieJar, type Harness } from '../test/harness';
import { insertContract, insertHousehold } from './fixtures';

let h: Harness;
let agent: { jar: CookieJar; id: string };

const get = async (path: string) => (await h.call('GET', path, undefined, agent.jar)).json();

beforeEach(async () => {
	h = createHarness(); // 26 November 2026
	agent = await signedInStaff(h);
	insertContract(h.db, { householdId: insertHousehold(h.db, 'Huby'), childName: 'Léa HUBY' });
	const started = await (
		await h.call('POST', '/api/agent/billing/runs', { month: '2026-10' }, agent.jar)
	).json();
	for (let i = 0; i < 1000; i++) {
		if ((await get(`/api/agent/billing/runs/${started.id}`)).status === 'done') break;
		await new Promise((r) => setTimeout(r, 5));
	}
});

describe('an invoice’s payments at the desk', () => {
	it('gives the means, the amount and the authorisation number of a card payment', async () => {
		const inv = h.db.prepare('SELECT id, household_id, amount_cents FROM invoices').get() as {
			id: string;
			household_id: string;
			amount_cents: number;
		};
		h.db
			.prepare(
				`INSERT INTO payments (id, invoice_id, household_id, provider, idop, refdet, amount_cents,
				 mel, status, means, numauto, paid_at, created_at, updated_at)
				 VALUES ('p1', ?, ?, 'payfip', 'idop-1', 'REF', ?, 'parent@test.localhost', 'paid', 'card',
				 '654321', '2026-11-20T10:15:00.000Z', 0, 0)`
			)
			.run(inv.id, inv.household_id, inv.amount_cents);

		const detail = await get(`/api/agent/billing/invoices/${inv.id}`);
		expect(detail.status).toBe('paid');
		expect(detail.payments).toEqual([
			expect.objectContaining({
				status: 'paid',
				means: 'card',
				amountCents: inv.amount_cents,
				paidAt: '2026-11-20T10:15:00.000Z',
				numauto: '654321'
			})
		]);
	});
});
