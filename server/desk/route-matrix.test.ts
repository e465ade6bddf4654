// The staff desk's authorization matrix over EVERY route mounted under /api/agent (read from the
// app itself, so a new route cannot be forgotten): anonymous → 401, a parent (even the family's
// own) → 403, an agent → through unless the route is for admins (403), an admin → through.
// "Through" means the guard let the call reach the route: any answer but 401/403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeFile, pieceWithPages, submittedPreinscription } from '../../sync/test/factories';
import { CookieJar, signedInStaff } from '../test/harness';
import { openDesk, openFamily, type Desk } from './desk-fixtures';

const ADMIN_ONLY = new Set([
	'PUT /api/agent/structures/:id',
	'GET /api/agent/audit',
	'GET /api/agent/audit/agents',
	'GET /api/agent/webhooks/deliveries',
	'GET /api/agent/settings/notifications',
	'PUT /api/agent/settings/notifications',
	'POST /api/agent/commission/sessions',
	'POST /api/agent/commission/sessions/plan-year',
	'PUT /api/agent/commission/sessions/:id',
	'DELETE /api/agent/commission/sessions/:id',
	'PUT /api/agent/commission/sessions/:id/capacities',
	'PUT /api/agent/commission/grid',
	'GET /api/agent/commission/settings',
	'PUT /api/agent/commission/settings',
	'POST /api/agent/commission/sessions/:id/close',
	'POST /api/agent/billing/scale/effort-rates',
	'POST /api/agent/billing/scale/bounds',
	'POST /api/agent/billing/scale/parameters',
	'PUT /api/agent/billing/settings'
]);

/** A body each route can read (right or wrong for the route: only the guard is tested here). */
const BODIES: Record<string, unknown> = {
	'POST /api/agent/news': { title: 'T', body: 'B', publishedOn: '2026-12-01' },
	'PUT /api/agent/news/:id': { title: 'T', body: 'B', publishedOn: '2026-12-01' },
	'PUT /api/agent/structures/:id': {
		name: 'Cocon de Soie',
		capacities: { babies: 6, toddlers: 9, older: 9 },
		active: true
	},
	'POST /api/agent/requests/:number/members/:memberId': { decision: 'validated' },
	'PUT /api/agent/settings/notifications': { serviceMail: 'each' },
	'POST /api/agent/requests/:number/actions': { action: 'take' },
	'POST /api/agent/requests/:number/messages': { body: 'Bonjour.' },
	'POST /api/agent/commission/sessions': {
		date: '2027-03-15',
		periodStart: '2027-04-01',
		periodEnd: '2027-06-30'
	},
	'POST /api/agent/commission/sessions/plan-year': { year: 2027 },
	'PUT /api/agent/commission/sessions/:id': {
		date: '2027-03-16',
		periodStart: '2027-04-01',
		periodEnd: '2027-06-30'
	},
	'PUT /api/agent/commission/sessions/:id/capacities': { items: [] },
	'PUT /api/agent/commission/grid': { criteria: [] },
	'PUT /api/agent/commission/settings': { offerDeadlineDays: 15, reminderDays: 14 },
	'PUT /api/agent/commission/requests/:number/checks/:criterionId': { met: true },
	'PUT /api/agent/commission/sessions/:id/adjustments/:number': { kind: 'hold', reason: 'Test.' },
	'POST /api/agent/commission/sessions/:id/close': { members: 'Mme Test' },
	'POST /api/agent/billing/scale/effort-rates': { effectiveFrom: '2030-01-01', rates: {} },
	'POST /api/agent/billing/scale/bounds': { effectiveFrom: '2030-01-01', floor: 1, ceiling: 0 },
	'POST /api/agent/billing/scale/parameters': { name: 'x', effectiveFrom: '2030-01-01', value: 1 },
	'PUT /api/agent/billing/settings': { name: '' },
	'POST /api/agent/billing/contracts': { householdId: 'x', childId: 'y', structureId: 'z' },
	'POST /api/agent/billing/contracts/:id/terms': { hoursPerWeek: 40 },
	'POST /api/agent/billing/contracts/:id/end': { endDate: '2027-06-30', reason: 'Test.' },
	'POST /api/agent/billing/entries': {
		contractId: '999',
		month: '2027-01',
		kind: 'closure',
		days: 1
	},
	// A month to come: refused (400) once through the guard, so nothing is issued.
	'POST /api/agent/billing/runs': { month: '2999-01' },
	'POST /api/agent/billing/invoices/:id/credit-notes': { amount: 1, reason: 'Test.' }
};

let desk: Desk;
beforeAll(async () => {
	desk = await openDesk();
});
afterAll(() => desk.close());

describe('/api/agent/* × roles', () => {
	it('every route: anonymous 401, parent 403, agent through (admin routes 403), admin through', async () => {
		const family = await openFamily(desk);
		const piece = pieceWithPages([fakeFile('jpeg')], 'jpeg', { personId: family.userId });
		const doc = submittedPreinscription({ pieceIds: [piece._id] });
		await family.send(piece, doc);
		const number = String(family.numberOf(doc._id));
		const admin = await signedInStaff(desk.h, 'admin');

		const routes = new Set<string>();
		for (const r of desk.h.app.routes)
			if (r.path.startsWith('/api/agent/') && r.method !== 'ALL')
				routes.add(`${r.method} ${r.path.replace(/\{[^}]*\}/g, '')}`);
		expect(routes.size).toBeGreaterThanOrEqual(20);

		const fill = (path: string) =>
			path
				.replace(':number', number)
				.replace(':memberId', 'membre-inconnu')
				.replace(':criterionId', 'disability')
				.replace(':version', '1')
				.replace(':pieceId', encodeURIComponent(piece._id))
				.replace(':attachment', 'page-1')
				.replace('/structures/:id', '/structures/cocon-de-soie')
				.replace(':id', '999');
		const callers = [
			['anonymous', new CookieJar()],
			['parent', family.jar],
			['staff', desk.staff.jar],
			['admin', admin.jar]
		] as const;
		const table: string[] = [];
		for (const route of [...routes].sort()) {
			const [method, path] = route.split(' ');
			for (const [role, jar] of callers) {
				const body = method === 'GET' || method === 'DELETE' ? undefined : BODIES[route];
				const res = await desk.h.call(method, fill(path), body, jar);
				await res.body?.cancel(); // the live feed is a stream that never ends by itself
				const expected =
					role === 'anonymous'
						? 401
						: role === 'parent' || (role === 'staff' && ADMIN_ONLY.has(route))
							? 403
							: 'through';
				const got = res.status === 401 || res.status === 403 ? res.status : 'through';
				table.push(`${route} ${role} ${res.status}`);
				expect(got, `${route} as ${role} (answered ${res.status})`).toBe(expected);
			}
		}
		expect(table).toHaveLength(routes.size * 4);
	});
});
