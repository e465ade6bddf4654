// The replication endpoint behind the real session cookie: own household only.
import { describe, expect, it } from 'vitest';
import { createHarness, signedInParent } from '../test/harness';

describe('/sync behind real sessions', () => {
	it('opens the household database given by /api/me to its parent only', async () => {
		const h = createHarness();
		const a = await signedInParent(h);
		const b = await signedInParent(h);
		const me = await (await h.call('GET', '/api/me', undefined, a.jar)).json();
		const path = new URL(me.syncUrl).pathname;
		const own = await h.call('GET', path, undefined, a.jar);
		expect(own.status).toBe(200);
		expect((await own.json()).db_name).toBe(path.split('/').pop());
		expect(own.headers.get('cache-control')).toBe('no-store');
		expect((await h.call('GET', path, undefined, b.jar)).status).toBe(403);
		expect((await h.call('GET', path)).status).toBe(401);
		const crossSite = await h.call('POST', `${path}/_bulk_docs`, { docs: [] }, a.jar, {
			origin: 'https://evil.example',
			'sec-fetch-site': 'cross-site'
		});
		expect(crossSite.status).toBe(403);
	});
});
