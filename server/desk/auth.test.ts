// Who may call the staff desk's API: anonymous → 401, a parent → 403, staff and admins through.
import { describe, expect, it } from 'vitest';
import { createHarness, signedInParent, signedInStaff } from '../test/harness';

describe('/api/agent/* access', () => {
	it('an anonymous caller gets 401, a parent 403, an agent and an admin reach the desk', async () => {
		const h = createHarness();
		const anonymous = await h.call('GET', '/api/agent/nothing-here');
		expect(anonymous.status).toBe(401);
		const parent = await signedInParent(h);
		const forbidden = await h.call('GET', '/api/agent/nothing-here', undefined, parent.jar);
		expect(forbidden.status).toBe(403);
		expect((await forbidden.json()).error.message).toBe('Vous n’avez pas accès à cette page.');
		for (const role of ['staff', 'admin'] as const) {
			const agent = await signedInStaff(h, role);
			const res = await h.call('GET', '/api/agent/nothing-here', undefined, agent.jar);
			expect(res.status).toBe(404);
			expect((await res.json()).error.message).toBe('Cette adresse n’existe pas.');
		}
	});
});
