// The desk's billing contracts over HTTP on real SQLite: a contract entered for a child already in
// a crèche, first terms and amendments (history kept, dated, never on an invoiced month), the
// anomalies of the list, the end of a contract, and the commission's contract list still whole.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CHILD_ID } from '../../sync/test/factories';
import { openDesk, openFamily, type Desk, type Family } from '../desk/desk-fixtures';
import { invoiceFor } from './test-support';

let desk: Desk;
let family: Family;
beforeAll(async () => {
	desk = await openDesk();
	family = await openFamily(desk, { lastName: 'Exemple', firstNames: 'Claire' });
});
afterAll(() => desk.close());

const call = (method: string, path: string, body?: unknown) =>
	desk.h.call(method, `/api/agent/billing${path}`, body, desk.staff.jar);

const TERMS = {
	hoursPerWeek: 40,
	daysPerWeek: 5,
	weeksPerYear: 47,
	monthsBilled: 12,
	monthlyResources: 3000,
	resourcesSource: 'caf',
	resourcesDate: '2026-10-01',
	dependentChildren: 2,
	aeehChildren: 0
};

async function newContract(startDate = '2026-09-01', terms: Record<string, unknown> = TERMS) {
	const res = await call('POST', '/contracts', {
		householdId: family.householdId,
		childId: TEST_CHILD_ID,
		structureId: 'cocon-de-soie',
		startDate,
		endDate: '2028-08-31',
		terms
	});
	return res;
}

describe('desk-entered contracts', () => {
	it('the family picker offers the household’s declared children', async () => {
		const res = await call('GET', '/families?q=exem');
		expect(res.status).toBe(200);
		const { items } = await res.json();
		const fam = items.find((i: { householdId: string }) => i.householdId === family.householdId);
		expect(fam.children).toEqual([
			{ id: TEST_CHILD_ID, name: 'Léa Exemple', birthDate: '2025-03-14' }
		]);
	});

	it('a contract for a child already in a crèche: listed with its terms, in the commission lists too', async () => {
		const res = await newContract();
		expect(res.status).toBe(201);
		const { id } = await res.json();
		const list = await (await call('GET', '/contracts?structure=cocon-de-soie')).json();
		const item = list.items.find((i: { id: string }) => i.id === id);
		expect(item).toMatchObject({
			origin: 'desk',
			child: { id: TEST_CHILD_ID, name: 'Léa Exemple', birthDate: '2025-03-14' },
			family: { lastName: 'Exemple', firstNames: 'Claire' },
			startDate: '2026-09-01',
			endDate: '2028-08-31',
			status: 'Admis',
			anomalies: []
		});
		expect(item.terms).toMatchObject({
			effectiveFrom: '2026-09-01',
			hoursPerWeek: 40,
			monthlyResourcesCents: 300000,
			dependentChildren: 2
		});
		expect(item.terms.createdBy).toBe('Agnès Instructrice');

		// The commission's lists keep working with a contract that came from no request.
		const desk2 = await (
			await desk.h.call('GET', '/api/agent/contracts', undefined, desk.staff.jar)
		).json();
		expect(desk2.items.some((i: { id: string }) => i.id === id)).toBe(true);
		const own = await (
			await desk.h.call('GET', '/api/family/contracts', undefined, family.jar)
		).json();
		expect(own.items.map((i: { id: string }) => i.id)).toContain(id);

		// A second open contract for the same child is refused: an amendment is the way.
		const twice = await newContract('2026-10-01');
		expect(twice.status).toBe(409);
		expect((await twice.json()).error.message).toMatch(/a déjà un contrat en cours/);
		const audit = desk.h.db
			.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.contract.create'")
			.pluck()
			.get();
		expect(audit).toBe(1);
	});

	it('refuses wrong terms in French and writes nothing', async () => {
		const before = desk.h.db.prepare('SELECT COUNT(*) FROM contracts').pluck().get();
		const cases: [Record<string, unknown>, string, string][] = [
			[{ hoursPerWeek: 56 }, 'terms.hoursPerWeek', 'entre 0 et 55 heures'],
			[{ hoursPerWeek: 37.3 }, 'terms.hoursPerWeek', 'quarts d’heure'],
			[{ daysPerWeek: 6 }, 'terms.daysPerWeek', 'entre 1 et 5'],
			[{ weeksPerYear: 53 }, 'terms.weeksPerYear', 'entre 1 et 52'],
			[{ monthlyResources: -1 }, 'terms.monthlyResources', 'négatives'],
			[{ dependentChildren: 0 }, 'terms.dependentChildren', 'entre 1 et 30'],
			[{ aeehChildren: 3 }, 'terms.aeehChildren', 'AEEH'],
			[{ resourcesDate: undefined }, 'terms.resourcesDate', 'date du montant CAF']
		];
		for (const [patch, field, message] of cases) {
			const res = await newContract('2026-09-01', { ...TERMS, ...patch });
			expect(res.status, field).toBe(400);
			const body = await res.json();
			expect(body.error.fields[field], field).toContain(message);
		}
		expect(desk.h.db.prepare('SELECT COUNT(*) FROM contracts').pluck().get()).toBe(before);
	});
});

describe('amendments', () => {
	let id: string;
	beforeAll(async () => {
		const other = await openFamily(desk, { lastName: 'Avenant' });
		const res = await call('POST', '/contracts', {
			householdId: other.householdId,
			childId: TEST_CHILD_ID,
			structureId: 'cocon-de-soie',
			startDate: '2026-09-01',
			terms: TERMS
		});
		id = (await res.json()).id;
	});
	const amend = (body: Record<string, unknown>) =>
		call('POST', `/contracts/${id}/terms`, { ...TERMS, ...body });

	it('an amendment starts on the 1st of a later month, with a reason', async () => {
		const notFirst = await amend({ effectiveFrom: '2026-12-15', reason: 'Reprise du travail' });
		expect(notFirst.status).toBe(400);
		expect((await notFirst.json()).error.message).toBe('Un avenant prend effet le 1er d’un mois.');
		const before = await amend({ effectiveFrom: '2026-09-01', reason: 'Reprise du travail' });
		expect(before.status).toBe(400);
		expect((await before.json()).error.message).toMatch(/après les conditions précédentes/);
		const noReason = await amend({ effectiveFrom: '2026-12-01' });
		expect(noReason.status).toBe(400);
		expect((await noReason.json()).error.fields.reason).toBe('Indiquez le motif de l’avenant.');
		expect(
			desk.h.db.prepare('SELECT COUNT(*) FROM contract_terms WHERE contract_id = ?').pluck().get(id)
		).toBe(1);
	});

	it('keeps the history: each row with its date, reason and author; the list shows the terms in force', async () => {
		const res = await amend({
			effectiveFrom: '2027-01-01',
			hoursPerWeek: 30,
			daysPerWeek: 4,
			reason: 'Passage à 4 jours'
		});
		expect(res.status).toBe(201);
		const detail = await (await call('GET', `/contracts/${id}`)).json();
		expect(
			detail.terms.map((t: Record<string, unknown>) => [
				t.effectiveFrom,
				t.hoursPerWeek,
				t.reason,
				t.createdBy
			])
		).toEqual([
			['2026-09-01', 40, null, 'Agnès Instructrice'],
			['2027-01-01', 30, 'Passage à 4 jours', 'Agnès Instructrice']
		]);
		// Today (the test clock) is 2026-11-26: the first terms are still in force.
		expect(detail.currentTerms.hoursPerWeek).toBe(40);
	});

	it('never amends a month already invoiced (409, nothing written)', async () => {
		invoiceFor(desk.h.db, id, '2027-02');
		const res = await amend({ effectiveFrom: '2027-02-01', reason: 'Changement de ressources' });
		expect(res.status).toBe(409);
		expect((await res.json()).error.message).toMatch(/février 2027 est déjà facturé/);
		const later = await amend({ effectiveFrom: '2027-03-01', reason: 'Changement de ressources' });
		expect(later.status).toBe(201);
	});

	it('ends the contract, not before an invoiced month, once', async () => {
		const early = await call('POST', `/contracts/${id}/end`, {
			endDate: '2027-02-14',
			reason: 'Déménagement'
		});
		expect(early.status).toBe(409);
		const noReason = await call('POST', `/contracts/${id}/end`, { endDate: '2027-06-30' });
		expect(noReason.status).toBe(400);
		const res = await call('POST', `/contracts/${id}/end`, {
			endDate: '2027-06-30',
			reason: 'Déménagement'
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'Terminé', endDate: '2027-06-30' });
		const again = await call('POST', `/contracts/${id}/end`, {
			endDate: '2027-06-30',
			reason: 'Déménagement'
		});
		expect(again.status).toBe(409);
		expect((await again.json()).error.message).toBe('Ce contrat est déjà terminé.');
	});

	it('unknown contract → 404 in French', async () => {
		const res = await call('GET', '/contracts/inconnu');
		expect(res.status).toBe(404);
		expect((await res.json()).error.message).toBe('Ce contrat n’existe pas.');
	});
});

describe('a commission contract', () => {
	it('learns the child’s birth date from the household file when its terms are first entered', async () => {
		const db = desk.h.db;
		const f = await openFamily(desk, { lastName: 'Commission' });
		const id = randomUUID();
		db.prepare(
			`INSERT INTO contracts (id, household_id, origin, child_id, child_name, structure_id, age_group,
				start_date, status, created_at)
			 VALUES (?, ?, 'desk', ?, 'Léa Exemple', 'cocon-de-soie', 'older', '2026-09-01', 'Admis', 0)`
		).run(id, f.householdId, TEST_CHILD_ID);
		const res = await call('POST', `/contracts/${id}/terms`, TERMS);
		expect(res.status).toBe(201);
		expect(db.prepare('SELECT child_birth_date FROM contracts WHERE id = ?').pluck().get(id)).toBe(
			'2025-03-14'
		);
	});

	it('empty resources are stored as « none » whatever the origin sent (the plafond applies)', async () => {
		const f = await openFamily(desk, { lastName: 'Plafond' });
		const res = await call('POST', '/contracts', {
			householdId: f.householdId,
			childId: TEST_CHILD_ID,
			structureId: 'cocon-de-soie',
			startDate: '2026-09-01',
			terms: { ...TERMS, monthlyResources: null, resourcesSource: 'caf' }
		});
		expect(res.status).toBe(201);
		const detail = await (await call('GET', `/contracts/${(await res.json()).id}`)).json();
		expect(detail.terms[0]).toMatchObject({
			monthlyResourcesCents: null,
			resourcesSource: 'none',
			resourcesDate: null
		});
	});
});

describe('anomalies of the list', () => {
	it('flags missing terms, missing resources, old CAF figures and a contract ending soon', async () => {
		const db = desk.h.db;
		const f = await openFamily(desk, { lastName: 'Anomalie' });
		// A commission contract whose terms were never entered.
		const commission = randomUUID();
		db.prepare(
			`INSERT INTO contracts (id, household_id, origin, child_id, child_name, structure_id, age_group,
				start_date, status, created_at)
			 VALUES (?, ?, 'desk', 'x', 'Sans Conditions', 'cocon-de-soie', 'older', '2026-09-01', 'Admis', 0)`
		).run(commission, f.householdId);
		const list = async () =>
			(await (await call('GET', '/contracts?q=Anomalie')).json()).items as {
				id: string;
				anomalies: string[];
			}[];
		expect((await list()).find((i) => i.id === commission)?.anomalies).toEqual([
			'Conditions du contrat à saisir'
		]);

		// Terms without resources: billed at the plafond; the child's birth date is learnt.
		const res = await call('POST', `/contracts/${commission}/terms`, {
			...TERMS,
			monthlyResources: null,
			resourcesSource: 'none',
			resourcesDate: null,
			endDate: '2026-12-31'
		});
		expect(res.status).toBe(201);
		expect((await list()).find((i) => i.id === commission)?.anomalies).toEqual([
			'Ressources non renseignées : le plafond s’applique',
			'Contrat se terminant le 31 décembre 2026'
		]);

		const old = await call('POST', `/contracts/${commission}/terms`, {
			...TERMS,
			effectiveFrom: '2026-11-01',
			resourcesDate: '2025-06-30',
			reason: 'Ressources reçues'
		});
		expect(old.status).toBe(201);
		expect((await list()).find((i) => i.id === commission)?.anomalies).toEqual([
			'Ressources CAF datées de plus d’un an',
			'Contrat se terminant le 31 décembre 2026'
		]);
	});
});
