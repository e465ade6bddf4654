// The commission's planning on the staff desk, on the real app and a real SQLite database: who may
// plan, what a wrong input answers (French, nothing written), the versioned grid, capacities,
// settings, and the audit rows every change leaves.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GRID } from '../../src/lib/domain/commission-score';
import { createHousehold } from '../seed/seed';
import {
	CookieJar,
	createHarness,
	signedInParent,
	signedInStaff,
	type Harness
} from '../test/harness';

let h: Harness;
let admin: CookieJar;
let staff: CookieJar;
beforeEach(async () => {
	h = createHarness();
	admin = (await signedInStaff(h, 'admin', { firstNames: 'Anne', lastName: 'Admin' })).jar;
	staff = (await signedInStaff(h, 'staff')).jar;
});

const SESSION = { date: '2027-03-15', periodStart: '2027-04-01', periodEnd: '2027-06-30' };

const count = (table: string) =>
	(h.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const auditActions = () =>
	(h.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map(
		(r) => r.action
	);

async function create(body: unknown = SESSION) {
	const res = await h.call('POST', '/api/agent/commission/sessions', body, admin);
	return { res, body: await res.json() };
}

describe('who may plan', () => {
	it('anonymous 401, parent 403, staff reads but may not plan (403), admin plans', async () => {
		const parent = (await signedInParent(h)).jar;
		const list = '/api/agent/commission/sessions';
		expect((await h.call('GET', list)).status).toBe(401);
		expect((await h.call('GET', list, undefined, parent)).status).toBe(403);
		expect((await h.call('GET', list, undefined, staff)).status).toBe(200);
		const asStaff = await h.call('POST', list, SESSION, staff);
		expect(asStaff.status).toBe(403);
		expect((await asStaff.json()).error.message).toBe('Vous n’avez pas accès à cette page.');
		for (const [method, path, body] of [
			['POST', '/api/agent/commission/sessions/plan-year', { year: 2027 }],
			['PUT', '/api/agent/commission/grid', { criteria: DEFAULT_GRID }],
			['GET', '/api/agent/commission/settings', undefined],
			['PUT', '/api/agent/commission/settings', { offerDeadlineDays: 10, reminderDays: 7 }]
		] as const)
			expect((await h.call(method, path, body, staff)).status, `${method} ${path}`).toBe(403);
		expect(count('commission_sessions')).toBe(0);
		expect(count('commission_grids')).toBe(0);
		expect((await create()).res.status).toBe(201);
	});
});

describe('sessions', () => {
	it('an admin creates a session: 201, listed for agents with its eligible count, audited', async () => {
		const { res, body } = await create({ ...SESSION, reminderDays: 10 });
		expect(res.status).toBe(201);
		expect(body.session).toMatchObject({
			...SESSION,
			reminderDays: 10,
			state: 'planned',
			gridVersion: null,
			remindedAt: null,
			closedAt: null,
			members: null
		});
		const list = await (
			await h.call('GET', '/api/agent/commission/sessions', undefined, staff)
		).json();
		expect(list.items).toEqual([{ ...body.session, eligible: 0 }]);
		expect(auditActions()).toContain('commission.session.create');
	});

	it('agents list every session by date, or those from ?from= on', async () => {
		await create();
		await create({ date: '2025-12-15', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
		const all = await (
			await h.call('GET', '/api/agent/commission/sessions', undefined, staff)
		).json();
		expect(all.items.map((s: { date: string }) => s.date)).toEqual(['2025-12-15', '2027-03-15']);
		const from = await (
			await h.call('GET', '/api/agent/commission/sessions?from=2026-01-01', undefined, staff)
		).json();
		expect(from.items.map((s: { date: string }) => s.date)).toEqual(['2027-03-15']);
	});

	it('the reminder delay defaults to the setting', async () => {
		await h.call(
			'PUT',
			'/api/agent/commission/settings',
			{ offerDeadlineDays: 10, reminderDays: 21 },
			admin
		);
		expect((await create()).body.session.reminderDays).toBe(21);
	});

	it.each([
		[
			{ ...SESSION, date: '2027-02-30' },
			'date',
			'Le champ « Date de la commission » doit être une date valide (AAAA-MM-JJ).'
		],
		[
			{ ...SESSION, date: '15/03/2027' },
			'date',
			'Le champ « Date de la commission » doit être une date valide (AAAA-MM-JJ).'
		],
		[
			{ ...SESSION, periodStart: '' },
			'periodStart',
			'Le champ « Début de la période d’entrée » est obligatoire.'
		],
		[
			{ ...SESSION, periodStart: '2027-07-01' },
			'periodEnd',
			'La fin de la période d’entrée doit être le même jour que son début ou après.'
		],
		[
			{ ...SESSION, reminderDays: -1 },
			'reminderDays',
			'Le champ « Rappel aux familles » ne peut pas être négatif.'
		]
	])('400 in French, nothing written: %j', async (input, field, message) => {
		const { res, body } = await create(input);
		expect(res.status).toBe(400);
		expect(body.error.fields[field]).toBe(message);
		expect(count('commission_sessions')).toBe(0);
		expect(count('audit_log')).toBe(0);
	});

	it('a second session on the same date: 400 naming the date, nothing written', async () => {
		await create();
		const { res, body } = await create({ ...SESSION, periodStart: '2027-05-01' });
		expect(res.status).toBe(400);
		expect(body.error.message).toBe('Une commission est déjà prévue le 15 mars 2027.');
		expect(body.error.fields.date).toBe(body.error.message);
		expect(count('commission_sessions')).toBe(1);
	});

	it('edits a planned session (409 once closed, 404 unknown); the date stays unique', async () => {
		const a = (await create()).body.session;
		const b = (await create({ ...SESSION, date: '2027-06-15' })).body.session;
		const put = (id: string, body: unknown) =>
			h.call('PUT', `/api/agent/commission/sessions/${id}`, body, admin);
		const moved = await put(a.id, { ...SESSION, date: '2027-03-16' });
		expect(moved.status).toBe(200);
		expect((await moved.json()).session.date).toBe('2027-03-16');
		expect((await put(b.id, { ...SESSION, date: '2027-03-16' })).status).toBe(400);
		expect((await put('inconnue', SESSION)).status).toBe(404);
		h.db.prepare("UPDATE commission_sessions SET state = 'closed' WHERE id = ?").run(b.id);
		const closed = await put(b.id, { ...SESSION, date: '2027-06-20' });
		expect(closed.status).toBe(409);
		expect((await closed.json()).error.message).toBe(
			'Cette commission est close : elle ne peut plus être modifiée.'
		);
		expect(auditActions().filter((a) => a === 'commission.session.update')).toHaveLength(1);
	});

	it('deletes a planned session without adjustments (204); refuses otherwise (409)', async () => {
		const a = (await create()).body.session;
		const b = (await create({ ...SESSION, date: '2027-06-15' })).body.session;
		const del = (id: string) =>
			h.call('DELETE', `/api/agent/commission/sessions/${id}`, undefined, admin);
		expect((await del(a.id)).status).toBe(204);
		expect((await del(a.id)).status).toBe(404);
		h.db.prepare("UPDATE commission_sessions SET state = 'closed' WHERE id = ?").run(b.id);
		expect((await del(b.id)).status).toBe(409);
		expect(count('commission_sessions')).toBe(1);
		expect(auditActions()).toContain('commission.session.delete');
	});

	it('a session with adjustments or a waiting list of its own is kept: 409 in French, not a 500', async () => {
		const householdId = createHousehold(h.db);
		h.db
			.prepare(
				`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
			 VALUES ('r1', 1, ?, 'preinscription:x', 'preinscription', 'Complète', '2026-11-01', '2026-11-01')`
			)
			.run(householdId);
		const structureId = (h.db.prepare('SELECT id FROM structures LIMIT 1').get() as { id: string })
			.id;
		const a = (await create()).body.session;
		const b = (await create({ ...SESSION, date: '2027-06-15' })).body.session;
		h.db
			.prepare(
				`INSERT INTO commission_adjustments (session_id, request_id, kind, reason, by_name, at)
			 VALUES (?, 'r1', 'hold', 'Dossier à revoir', 'Agnès', 0)`
			)
			.run(a.id);
		h.db
			.prepare(
				`INSERT INTO commission_waitlist (structure_id, age_group, request_id, session_id, rank, score)
			 VALUES (?, 'babies', 'r1', ?, 1, 10)`
			)
			.run(structureId, b.id);
		const del = (id: string) =>
			h.call('DELETE', `/api/agent/commission/sessions/${id}`, undefined, admin);
		const adjusted = await del(a.id);
		expect(adjusted.status).toBe(409);
		expect((await adjusted.json()).error.message).toBe(
			'Des ajustements ont déjà été faits pour cette commission : elle ne peut plus être supprimée.'
		);
		const listed = await del(b.id);
		expect(listed.status).toBe(409);
		expect((await listed.json()).error.message).toBe(
			'Des places ont déjà été proposées au titre de cette commission : elle ne peut plus être supprimée.'
		);
		expect(count('commission_sessions')).toBe(2);
	});
});

describe('plan the year', () => {
	it('creates the four default sessions on the 15th (or the next weekday), idempotent', async () => {
		const res = await h.call(
			'POST',
			'/api/agent/commission/sessions/plan-year',
			{ year: 2027 },
			admin
		);
		expect(res.status).toBe(201);
		const { items } = await res.json();
		expect(
			items.map((s: { date: string; periodStart: string; periodEnd: string }) => [
				s.date,
				s.periodStart,
				s.periodEnd
			])
		).toEqual([
			['2027-03-15', '2027-04-01', '2027-06-30'], // a Monday
			['2027-06-15', '2027-07-01', '2027-09-30'], // a Tuesday
			['2027-09-15', '2027-10-01', '2027-12-31'], // a Wednesday
			['2027-12-15', '2028-01-01', '2028-03-31'] // a Wednesday
		]);
		const again = await h.call(
			'POST',
			'/api/agent/commission/sessions/plan-year',
			{ year: 2027 },
			admin
		);
		expect((await again.json()).items).toEqual([]);
		expect(count('commission_sessions')).toBe(4);
		const audited = h.db
			.prepare("SELECT detail FROM audit_log WHERE action = 'commission.plan-year' ORDER BY id")
			.all() as { detail: string }[];
		expect(audited.map((r) => JSON.parse(r.detail).dates.length)).toEqual([4, 0]);
	});

	it('moves a 15th on a weekend to the Monday, keeps a month already planned', async () => {
		await create({ date: '2026-03-20', periodStart: '2026-04-01', periodEnd: '2026-06-30' });
		const res = await h.call(
			'POST',
			'/api/agent/commission/sessions/plan-year',
			{ year: 2026 },
			admin
		);
		const dates = (await res.json()).items.map((s: { date: string }) => s.date);
		// 2026-03 already has a session; 15 juin 2026 is a Monday; 15 août… ; 15 novembre 2026 is a Sunday.
		expect(dates).toEqual(['2026-06-15', '2026-09-15', '2026-12-15']);
		const y2025 = await h.call(
			'POST',
			'/api/agent/commission/sessions/plan-year',
			{ year: 2025 },
			admin
		);
		// 15 mars 2025 is a Saturday → Monday 17; 15 juin 2025 a Sunday → Monday 16.
		expect((await y2025.json()).items.map((s: { date: string }) => s.date)).toEqual([
			'2025-03-17',
			'2025-06-16',
			'2025-09-15',
			'2025-12-15'
		]);
	});

	it('400 without a year', async () => {
		const res = await h.call('POST', '/api/agent/commission/sessions/plan-year', {}, admin);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields.year).toBe('Ce champ est obligatoire.');
		expect(count('commission_sessions')).toBe(0);
	});
});

describe('the scoring grid', () => {
	it('the default grid is version 1; editing makes version 2; version 1 stays readable', async () => {
		const v1 = await (await h.call('GET', '/api/agent/commission/grid', undefined, staff)).json();
		expect(v1.version).toBe(1);
		expect(v1.criteria).toHaveLength(DEFAULT_GRID.length);
		expect(v1.criteria.map((c: { id: string }) => c.id)).toEqual(DEFAULT_GRID.map((c) => c.id));
		expect(v1.rules.length).toBeGreaterThan(0);
		const criteria = [
			...DEFAULT_GRID.map((c) => (c.id === 'twins' ? { ...c, points: 3 } : c)),
			{ id: 'manual-mixite', label: 'Mixité sociale', points: 2, source: 'manual', rule: 'manual' }
		];
		const put = await h.call(
			'PUT',
			'/api/agent/commission/grid',
			{ criteria, note: 'Jumeaux : 3 points' },
			admin
		);
		expect(put.status).toBe(200);
		const v2 = await put.json();
		expect(v2).toMatchObject({ version: 2, note: 'Jumeaux : 3 points' });
		expect(v2.criteria.find((c: { id: string }) => c.id === 'twins').points).toBe(3);
		expect(v2.criteria.at(-1)).toMatchObject({ id: 'manual-mixite', label: 'Mixité sociale' });
		const inForce = await (
			await h.call('GET', '/api/agent/commission/grid', undefined, staff)
		).json();
		expect(inForce.version).toBe(2);
		const old = await (
			await h.call('GET', '/api/agent/commission/grid/1', undefined, staff)
		).json();
		expect(old.criteria).toEqual(v1.criteria);
		expect((await h.call('GET', '/api/agent/commission/grid/9', undefined, staff)).status).toBe(
			404
		);
		expect(auditActions()).toContain('commission.grid');
	});

	it('a wrong grid: 400 in French, no new version', async () => {
		await h.call('GET', '/api/agent/commission/grid', undefined, staff);
		for (const body of [{}, { criteria: [] }, { criteria: [{ id: 'x', label: '', points: 1 }] }]) {
			const res = await h.call('PUT', '/api/agent/commission/grid', body, admin);
			expect(res.status).toBe(400);
			const { error } = await res.json();
			expect(error.code).toBe('validation');
			expect(error.message).toMatch(/[éèàùç]|[Ll]a |[Ll]e /);
		}
		const empty = await h.call('PUT', '/api/agent/commission/grid', {}, admin);
		expect((await empty.json()).error.message).toBe('La grille doit être une liste de critères.');
		expect(count('commission_grids')).toBe(1);
		expect(auditActions()).not.toContain('commission.grid');
	});
});

describe('capacities', () => {
	it('every active structure, 0 when not set; an admin sets them while planned', async () => {
		const { id } = (await create()).body.session;
		const path = `/api/agent/commission/sessions/${id}/capacities`;
		const before = await (await h.call('GET', path, undefined, staff)).json();
		expect(before.items.length).toBeGreaterThan(1);
		expect(before.items[0]).toMatchObject({ babies: 0, toddlers: 0, older: 0 });
		const first = before.items[0].structureId;
		expect((await h.call('PUT', path, { items: [] }, staff)).status).toBe(403);
		const put = await h.call(
			'PUT',
			path,
			{ items: [{ structureId: first, babies: 1, toddlers: 2, older: 0 }] },
			admin
		);
		expect(put.status).toBe(200);
		const after = await (await h.call('GET', path, undefined, staff)).json();
		expect(after.items[0]).toMatchObject({ structureId: first, babies: 1, toddlers: 2, older: 0 });
		expect(auditActions()).toContain('commission.capacities');
	});

	it('400 for an unknown structure or more places than the section has; 409 once closed', async () => {
		const { id } = (await create()).body.session;
		const path = `/api/agent/commission/sessions/${id}/capacities`;
		const unknown = await h.call(
			'PUT',
			path,
			{ items: [{ structureId: 'nulle-part', babies: 1, toddlers: 0, older: 0 }] },
			admin
		);
		expect(unknown.status).toBe(400);
		expect((await unknown.json()).error.message).toBe(
			'Cette structure n’existe pas ou n’est plus active.'
		);
		const s = h.db
			.prepare('SELECT id, name, capacity_babies FROM structures WHERE active = 1 LIMIT 1')
			.get() as { id: string; name: string; capacity_babies: number };
		const tooMany = await h.call(
			'PUT',
			path,
			{ items: [{ structureId: s.id, babies: s.capacity_babies + 1, toddlers: 0, older: 0 }] },
			admin
		);
		expect(tooMany.status).toBe(400);
		expect((await tooMany.json()).error.message).toBe(
			`${s.name} : ${s.capacity_babies + 1} places bébés, plus que les ${s.capacity_babies} places de la section.`
		);
		const negative = await h.call(
			'PUT',
			path,
			{ items: [{ structureId: s.id, babies: -1, toddlers: 0, older: 0 }] },
			admin
		);
		expect(negative.status).toBe(400);
		expect(count('commission_capacities')).toBe(0);
		h.db.prepare("UPDATE commission_sessions SET state = 'closed' WHERE id = ?").run(id);
		const closed = await h.call(
			'PUT',
			path,
			{ items: [{ structureId: s.id, babies: 0, toddlers: 0, older: 0 }] },
			admin
		);
		expect(closed.status).toBe(409);
		expect(
			(await h.call('GET', '/api/agent/commission/sessions/x/capacities', undefined, staff)).status
		).toBe(404);
	});
});

describe('settings', () => {
	it('defaults, edited by an admin (audited), 400 in French with nothing written', async () => {
		const path = '/api/agent/commission/settings';
		expect(await (await h.call('GET', path, undefined, admin)).json()).toEqual({
			offerDeadlineDays: 15,
			reminderDays: 14
		});
		const bad = await h.call('PUT', path, { offerDeadlineDays: 0, reminderDays: 14 }, admin);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.message).toBe(
			'Le champ « Délai pour répondre » doit valoir au moins 1.'
		);
		const ok = await h.call('PUT', path, { offerDeadlineDays: 10, reminderDays: 7 }, admin);
		expect(await ok.json()).toEqual({ offerDeadlineDays: 10, reminderDays: 7 });
		expect(auditActions()).toEqual(['commission.settings']);
	});
});
