// Demo mode: the demo family's child has a contract with terms, billable this month; a restart
// adds nothing; outside demo mode nothing is seeded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { testConfig } from '../config';
import { createRuntime } from '../runtime';
import { loadBillableContracts } from '../billing/contract-terms';
import { DEMO_CHILD_ID } from './demo-household';

const fileConfig = (demo: boolean) => {
	const dataDir = mkdtempSync(join(tmpdir(), 'ef-demo-billing-'));
	return testConfig({ dataDir, databaseFile: join(dataDir, 'db.sqlite'), demo });
};

describe('demo billing data', () => {
	it('gives the demo child a contract with terms and last month’s invoice, once', async () => {
		const config = fileConfig(true);
		const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 0, 0));
		const rt = await createRuntime(config, {}, clock);
		const billable = loadBillableContracts(rt.db, '2026-11');
		expect(billable).toHaveLength(1);
		expect(billable[0].contract).toMatchObject({
			childId: DEMO_CHILD_ID,
			childName: 'Jules Démo',
			childBirthDate: '2025-03-14',
			origin: 'desk',
			startDate: '2026-10-01',
			structureId: 'cocon-de-soie'
		});
		expect(billable[0].terms).toMatchObject({
			minutesPerWeek: 40 * 60,
			daysPerWeek: 5,
			weeksPerYear: 47,
			monthsBilled: 12,
			monthlyResourcesCents: 300000,
			dependentChildren: 2
		});
		// A fresh demo database has last month's invoice, delivered to the family's device.
		const invoices = rt.db.prepare('SELECT number, month, delivered_at FROM invoices').all() as {
			number: string;
			month: string;
			delivered_at: number | null;
		}[];
		expect(invoices).toEqual([
			{ number: 'F2026-000001', month: '2026-10', delivered_at: expect.any(Number) }
		]);
		await rt.close();

		clock.advance(40 * 86_400_000);
		const again = await createRuntime(config, {}, clock);
		expect(again.db.prepare('SELECT COUNT(*) FROM contracts').pluck().get()).toBe(1);
		expect(again.db.prepare('SELECT COUNT(*) FROM contract_terms').pluck().get()).toBe(1);
		expect(again.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(1);
		await again.close();
	});

	it('outside demo mode: no contract', async () => {
		const rt = await createRuntime(fileConfig(false));
		expect(rt.db.prepare('SELECT COUNT(*) FROM contracts').pluck().get()).toBe(0);
		await rt.close();
	});
});
