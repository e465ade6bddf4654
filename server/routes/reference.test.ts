// Public reference data read by the public pages.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../test/harness';

describe('GET /api/contact', () => {
	it('gives the service address for the accessibility statement, without sign-in', async () => {
		const h = createHarness({ serviceEmail: 'accessibilite@test.localhost' });
		const res = await h.call('GET', '/api/contact');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ email: 'accessibilite@test.localhost' });
	});
});
