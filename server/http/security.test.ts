// CSRF check by Origin / Sec-Fetch-Site: a malformed Origin is a refusal, never a 500.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../test/harness';

describe('CSRF protection', () => {
	it.each(['garbage', 'http://', '://x', 'http://[::1', 'null', 'http://evil.example'])(
		'Origin: %s on a state-changing request → 403 with a French reason',
		async (origin) => {
			const h = createHarness();
			for (const path of ['/api/auth/login', '/sync/hh-x/_bulk_docs']) {
				const res = await h.app.request(`http://localhost:3000${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin, host: 'localhost:3000' },
					body: '{}'
				});
				expect(res.status).toBe(403);
				expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
					/ne provient pas de l’Espace Famille/
				);
			}
		}
	);

	it('the same origin still passes the check', async () => {
		const h = createHarness();
		const res = await h.app.request('http://localhost:3000/api/auth/login', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: 'http://localhost:3000',
				host: 'localhost:3000'
			},
			body: JSON.stringify({ username: 'personne', password: 'x' })
		});
		expect(res.status).not.toBe(403);
		expect(res.status).toBeLessThan(500);
	});
});
