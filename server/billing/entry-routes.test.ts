// The month's entries over HTTP on real SQLite: extra hours and deductions per contract, listed
// with the month's contracts, withdrawn (soft) until the month is invoiced, then 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CHILD_ID } from '../../sync/test/factories';
import { openDesk, openFamily, type Desk } from '../desk/desk-fixtures';
import { invoiceFor } from './test-support';
import { loadBillableContracts } from './contract-terms';

let desk: Desk;
let contractId: string;
beforeAll(async () => {
	desk = await openDesk();
	const family = await openFamily(desk, { lastName: 'Saisie' });
	const res = await desk.h.call(
		'POST',
		'/api/agent/billing/contracts',
		{
			householdId: family.householdId,
			childId: TEST_CHILD_ID,
			structureId: 'cocon-de-soie',
			startDate: '2026-09-01',
			terms: {
				hoursPerWeek: 40,
				daysPerWeek: 5,
				weeksPerYear: 47,
				monthlyResources: 3000,
				resourcesSource: 'caf',
				resourcesDate: '2026-10-01',
				dependentChildren: 2
			}
		},
		desk.staff.jar
	);
	contractId = (await res.json()).id;
});
afterAll(() => desk.close());

const call = (method: string, path: string, body?: unknown) =>
	desk.h.call(method, `/api/agent/billing${path}`, body, desk.staff.jar);

describe('month entries', () => {
	it('adds extra hours and an illness, lists them with the month’s contracts and the waiting days', async () => {
		const extra = await call('POST', '/entries', {
			contractId,
			month: '2026-11',
			kind: 'extra_hours',
			hours: 2.5,
			note: 'Retard du soir'
		});
		expect(extra.status).toBe(201);
		expect((await extra.json()).entry).toMatchObject({
			kind: 'extra_hours',
			hours: 2.5,
			days: null
		});
		const illness = await call('POST', '/entries', {
			contractId,
			month: '2026-11',
			kind: 'illness',
			days: 5
		});
		expect(illness.status).toBe(201);

		const list = await (await call('GET', '/entries?month=2026-11&structure=cocon-de-soie')).json();
		expect(list.illnessWaitingDays).toBe(3);
		const c = list.contracts.find((x: { id: string }) => x.id === contractId);
		expect(c).toMatchObject({ childName: 'Léa Exemple', hasTerms: true, invoiced: false });
		expect(c.family.lastName).toBe('Saisie');
		expect(c.entries.map((e: { kind: string }) => e.kind)).toEqual(['extra_hours', 'illness']);
		expect(c.entries[0].createdBy).toBe('Agnès Instructrice');
		// What the run reads: 150 minutes and 5 days.
		const [billable] = loadBillableContracts(desk.h.db, '2026-11').filter(
			(b) => b.contract.id === contractId
		);
		expect(billable.entries.map((e) => [e.kind, e.minutes, e.days])).toEqual([
			['extra_hours', 150, null],
			['illness', null, 5]
		]);
	});

	it('refuses in French: hours missing or not in quarter hours, days missing, a month outside the contract', async () => {
		const cases: [Record<string, unknown>, number, string][] = [
			[{ kind: 'extra_hours' }, 400, 'Indiquez le nombre d’heures complémentaires.'],
			[{ kind: 'extra_hours', hours: 1.1 }, 400, 'quarts d’heure'],
			[{ kind: 'closure' }, 400, 'Indiquez le nombre de jours d’absence.'],
			[{ kind: 'closure', days: 2, month: '2026-08' }, 400, 'ne couvre pas ce mois'],
			[{ kind: 'vacances', days: 2 }, 400, 'Le type de saisie'],
			[{ kind: 'closure', days: 2, contractId: 'inconnu' }, 404, 'Ce contrat n’existe pas.']
		];
		const before = desk.h.db.prepare('SELECT COUNT(*) FROM billing_entries').pluck().get();
		for (const [patch, status, message] of cases) {
			const res = await call('POST', '/entries', { contractId, month: '2026-11', ...patch });
			expect(res.status, JSON.stringify(patch)).toBe(status);
			expect((await res.json()).error.message).toContain(message);
		}
		expect(desk.h.db.prepare('SELECT COUNT(*) FROM billing_entries').pluck().get()).toBe(before);
		expect((await call('GET', '/entries?month=novembre')).status).toBe(400);
	});

	it('withdraws an entry (kept, marked deleted): the run no longer sees it', async () => {
		const res = await call('POST', '/entries', {
			contractId,
			month: '2026-10',
			kind: 'closure',
			days: 1
		});
		const { entry } = await res.json();
		expect((await call('DELETE', `/entries/${entry.id}`)).status).toBe(204);
		expect(
			desk.h.db.prepare('SELECT deleted_at FROM billing_entries WHERE id = ?').pluck().get(entry.id)
		).not.toBeNull();
		expect(
			loadBillableContracts(desk.h.db, '2026-10').find((b) => b.contract.id === contractId)?.entries
		).toEqual([]);
		const again = await call('DELETE', `/entries/${entry.id}`);
		expect(again.status).toBe(404);
		expect((await again.json()).error.message).toBe(
			'Cette saisie n’existe pas ou a déjà été retirée.'
		);
	});

	it('once the month is invoiced: no entry added nor withdrawn (409)', async () => {
		const res = await call('POST', '/entries', {
			contractId,
			month: '2026-12',
			kind: 'hospitalisation',
			days: 3
		});
		const { entry } = await res.json();
		invoiceFor(desk.h.db, contractId, '2026-12');
		const add = await call('POST', '/entries', {
			contractId,
			month: '2026-12',
			kind: 'extra_hours',
			hours: 1
		});
		expect(add.status).toBe(409);
		expect((await add.json()).error.message).toMatch(/décembre 2026 est déjà facturé/);
		const del = await call('DELETE', `/entries/${entry.id}`);
		expect(del.status).toBe(409);
		const list = await (await call('GET', '/entries?month=2026-12')).json();
		expect(list.contracts.find((x: { id: string }) => x.id === contractId).invoiced).toBe(true);
		// The next month is still open.
		const next = await call('POST', '/entries', {
			contractId,
			month: '2027-01',
			kind: 'extra_hours',
			hours: 1
		});
		expect(next.status).toBe(201);
		expect(
			desk.h.db
				.prepare("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'billing.entry.%'")
				.pluck()
				.get()
		).toBe(6);
	});
});
