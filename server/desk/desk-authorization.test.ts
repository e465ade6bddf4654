// Authorization matrix of the routes of request detail, documents and actions: anonymous → 401,
// a parent (even the family's own) → 403, an agent and an admin → 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeFile, pieceWithPages, submittedPreinscription } from '../../sync/test/factories';
import { CookieJar, signedInStaff } from '../test/harness';
import { openDesk, openFamily, type Desk } from './desk-fixtures';

let desk: Desk;
beforeAll(async () => {
	desk = await openDesk();
});
afterAll(() => desk.close());

describe('/api/agent request routes × roles', () => {
	it('anonymous 401, parent 403, staff and admin 200 on every route', async () => {
		const family = await openFamily(desk);
		const piece = pieceWithPages([fakeFile('jpeg')], 'jpeg', { personId: family.userId });
		const doc = submittedPreinscription({ pieceIds: [piece._id] });
		await family.send(piece, doc);
		const number = family.numberOf(doc._id);
		const admin = await signedInStaff(desk.h, 'admin');
		const callers = {
			anonymous: new CookieJar(),
			parent: family.jar,
			staff: desk.staff.jar,
			admin: admin.jar
		};
		const expected = { anonymous: 401, parent: 403, staff: 200, admin: 200 };
		const routes: [string, string, (role: string) => unknown][] = [
			['GET', `/api/agent/requests/${number}`, () => undefined],
			[
				'GET',
				`/api/agent/requests/${number}/documents/${encodeURIComponent(piece._id)}/page-1`,
				() => undefined
			],
			[
				'POST',
				`/api/agent/requests/${number}/actions`,
				// Déposée → take (staff) → complete (admin): each allowed when its turn comes.
				(role) => ({ action: role === 'admin' ? 'complete' : 'take' })
			]
		];
		const seen: string[] = [];
		for (const [method, path, body] of routes)
			for (const [role, jar] of Object.entries(callers)) {
				const res = await desk.h.call(method, path, body(role), jar);
				seen.push(`${method} ${path.split('/').slice(0, 6).join('/')} ${role} ${res.status}`);
				expect(res.status, `${method} ${path} as ${role}`).toBe(
					expected[role as keyof typeof expected]
				);
			}
		expect(seen).toHaveLength(12);
		expect(desk.h.db.prepare('SELECT status FROM requests WHERE number = ?').get(number)).toEqual({
			status: 'Complète'
		});
	});
});
