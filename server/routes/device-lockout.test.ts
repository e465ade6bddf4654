// Sign-in throttling does not lock out the world: a device that signed in before keeps its own
// counter (OWASP "device cookies"), untrusted clients share the account's.
import { describe, expect, it } from 'vitest';
import { CookieJar, createHarness, signedInParent } from '../test/harness';

const WRONG = 'Mauvais-Mot-2';

async function setup() {
	const h = createHarness();
	const { jar, body } = await signedInParent(h); // this device signed in: it is trusted
	await h.call('POST', '/api/auth/logout', undefined, jar);
	const login = (password: string, from?: CookieJar, headers: Record<string, string> = {}) =>
		h.call('POST', '/api/auth/login', { username: body.username, password }, from, headers);
	return { h, jar, body, login };
}

describe('device cookies for sign-in lockout', () => {
	it('gives a device that signs in a long-lived HttpOnly SameSite=Lax cookie, stored hashed', async () => {
		const { h, jar } = await setup();
		const device = jar.cookies.get('ef_device');
		expect(device).toBeTruthy();
		const jar2 = new CookieJar();
		const { body } = await signedInParent(h);
		const res = await h.call(
			'POST',
			'/api/auth/login',
			{ username: body.username, password: body.password },
			jar2
		);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ef_device='))!;
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(Number(cookie.match(/Max-Age=(\d+)/)?.[1])).toBeGreaterThan(90 * 24 * 3600);
		const rows = h.db.prepare('SELECT token_hash FROM trusted_devices').all() as {
			token_hash: string;
		}[];
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.map((r) => r.token_hash)).not.toContain(device);
	});

	it('lets a trusted device sign in while failures from elsewhere lock the account', async () => {
		const { jar, body, login } = await setup();
		for (let i = 0; i < 5; i++) expect((await login(WRONG)).status).toBe(401);
		const attacker = await login(body.password);
		expect(attacker.status).toBe(429); // an untrusted client is held back
		expect((await login(body.password, jar)).status).toBe(200);
	});

	it('still throttles a trusted device on its own failures', async () => {
		const { jar, body, login } = await setup();
		for (let i = 0; i < 5; i++) expect((await login(WRONG, jar)).status).toBe(401);
		const blocked = await login(body.password, jar);
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).toBe('60');
		// The trusted device's failures are its own: a new device is not blocked by them.
		expect((await login(body.password, new CookieJar())).status).toBe(200);
	});

	it('does not trust a device for another account, nor a forged cookie', async () => {
		const { h, jar, body, login } = await setup();
		const other = await signedInParent(h);
		for (let i = 0; i < 5; i++) expect((await login(WRONG)).status).toBe(401);
		// `other.jar` is a trusted device, but for the other account only.
		const fromOther = new CookieJar();
		fromOther.cookies.set('ef_device', other.jar.cookies.get('ef_device')!);
		expect((await login(body.password, fromOther)).status).toBe(429);
		const forged = new CookieJar();
		forged.cookies.set('ef_device', 'x'.repeat(43));
		expect((await login(body.password, forged)).status).toBe(429);
		expect((await login(body.password, jar)).status).toBe(200);
	});
});
