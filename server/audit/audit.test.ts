// The audit log: admins read who did what, filtered by agent or family; old rows are purged.
import { describe, expect, it } from 'vitest';
import { createHarness, signedInParent, signedInStaff } from '../test/harness';
import { audit, purgeAudit } from './audit';

const DAY = 86_400_000;

describe('audit log', () => {
	it('admins read it newest first, filtered by agent or by family, page by page', async () => {
		const h = createHarness();
		const admin = await signedInStaff(h, 'admin');
		const agnes = await signedInStaff(h, 'staff', { firstNames: 'Agnès', lastName: 'Martin' });
		const bruno = await signedInStaff(h, 'staff', { firstNames: 'Bruno', lastName: 'Durand' });
		await signedInParent(h, { lastName: 'Lefèvre', firstNames: 'Inès' });
		const household = (
			h.db.prepare("SELECT household_id FROM users WHERE last_name = 'Lefèvre'").get() as {
				household_id: string;
			}
		).household_id;
		const t0 = h.clock.now();
		for (let i = 0; i < 130; i++)
			audit(
				h.db,
				{
					actorId: i % 2 ? agnes.id : bruno.id,
					action: 'document.view',
					householdId: i % 10 === 0 ? household : null,
					detail: { n: i }
				},
				t0 + i
			);

		const read = async (query: string) => {
			const res = await h.call('GET', `/api/agent/audit${query}`, undefined, admin.jar);
			expect(res.status).toBe(200);
			return res.json();
		};
		const first = await read('');
		expect(first.items).toHaveLength(100);
		expect(first.items[0]).toMatchObject({
			actorName: 'Agnès Martin',
			action: 'document.view',
			detail: { n: 129 }
		});
		const second = await read(`?before=${first.nextBefore}`);
		expect(second.items).toHaveLength(30);
		expect(second.nextBefore).toBeNull();
		expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(130);

		const byBruno = await read(`?agent=${bruno.id}`);
		expect(byBruno.items).toHaveLength(65);
		expect(byBruno.items.every((e: { actorName: string }) => e.actorName === 'Bruno Durand')).toBe(
			true
		);
		const byFamily = await read('?family=lef');
		expect(byFamily.items).toHaveLength(13);
		expect(byFamily.items[0]).toMatchObject({ familyName: 'Inès Lefèvre', householdId: household });

		const agents = (await read('/agents')).agents.map((a: { name: string }) => a.name);
		expect(agents).toEqual(expect.arrayContaining(['Agnès Martin', 'Bruno Durand']));
	});

	it('only admins read it: agents 403, parents 403, anonymous 401; bad page marker 400', async () => {
		const h = createHarness();
		const agent = await signedInStaff(h);
		const parent = await signedInParent(h);
		const admin = await signedInStaff(h, 'admin');
		for (const path of ['/api/agent/audit', '/api/agent/audit/agents']) {
			expect((await h.call('GET', path)).status).toBe(401);
			expect((await h.call('GET', path, undefined, parent.jar)).status).toBe(403);
			expect((await h.call('GET', path, undefined, agent.jar)).status).toBe(403);
			expect((await h.call('GET', path, undefined, admin.jar)).status).toBe(200);
		}
		const bad = await h.call('GET', '/api/agent/audit?before=abc', undefined, admin.jar);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.message).toBe('Le repère de page est invalide.');
	});

	it('the daily purge removes what is older than the retention period, nothing newer', async () => {
		const h = createHarness();
		const agent = await signedInStaff(h);
		const now = h.clock.now();
		for (const age of [400, 366, 365, 10, 0])
			audit(h.db, { actorId: agent.id, action: 'request.view', detail: { age } }, now - age * DAY);
		expect(purgeAudit(h.db, now + 1, 365)).toBe(3);
		const left = (
			h.db.prepare('SELECT detail FROM audit_log ORDER BY at').all() as { detail: string }[]
		).map((r) => JSON.parse(r.detail).age);
		expect(left).toEqual([10, 0]);
	});
});
