// Throttling, password reset, password change and profile, through the real app.
import { describe, expect, it } from 'vitest';
import {
	CookieJar,
	createHarness,
	REMOTE_PEER,
	signedInParent,
	tokenFromMail
} from '../test/harness';

describe('sign-in throttling (CNIL 2022-100)', () => {
	it('lets 5 failures through, then answers 429 with Retry-After that doubles', async () => {
		const h = createHarness();
		const { body } = await signedInParent(h);
		const attempt = (password = 'Mauvais-Mot-2') =>
			h.call('POST', '/api/auth/login', { username: body.username, password });
		for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
		const blocked = await attempt(body.password);
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).toBe('60');
		expect((await blocked.json()).error.message).toMatch(/Trop de tentatives.*60 secondes/);
		h.clock.advance(61_000);
		expect((await attempt()).status).toBe(401); // 6th failure
		expect((await attempt()).headers.get('retry-after')).toBe('120');
		h.clock.advance(121_000);
		expect((await attempt(body.password)).status).toBe(200);
		expect((await attempt()).status).toBe(401); // success reset the account counter
	});

	it('throttles unknown usernames the same way (no account enumeration)', async () => {
		const h = createHarness();
		for (let i = 0; i < 5; i++)
			expect(
				(await h.call('POST', '/api/auth/login', { username: 'fantome', password: 'Xx-123456' }))
					.status
			).toBe(401);
		expect(
			(await h.call('POST', '/api/auth/login', { username: 'fantome', password: 'Xx-123456' }))
				.status
		).toBe(429);
	});

	it('caps failures per client address at 100 an hour across accounts', async () => {
		const h = createHarness();
		const now = h.clock.now();
		const insert = h.db.prepare(
			`INSERT INTO login_failures (scope, key, at) VALUES ('ip', '${REMOTE_PEER}', ?)`
		);
		for (let i = 0; i < 100; i++) insert.run(now - 1000);
		const res = await h.call('POST', '/api/auth/login', {
			username: 'autre-compte',
			password: 'Xx-123456'
		});
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3500);
	});
});

describe('password reset', () => {
	it('answers the same for known and unknown addresses, and mails only the known one', async () => {
		const h = createHarness();
		const { body } = await signedInParent(h);
		const before = h.outboxMails().length;
		const unknown = await h.call('POST', '/api/auth/password-reset/request', {
			email: 'inconnu@test.localhost'
		});
		const known = await h.call('POST', '/api/auth/password-reset/request', { email: body.email });
		expect(unknown.status).toBe(202);
		expect(known.status).toBe(202);
		expect(await unknown.json()).toEqual(await known.json());
		expect(h.outboxMails().length).toBe(before + 1);
	});

	it('sets a new password once, ends every session, and refuses the old password', async () => {
		const h = createHarness();
		const { body, jar } = await signedInParent(h);
		await h.call('POST', '/api/auth/password-reset/request', { email: body.email });
		const token = tokenFromMail(h.outboxMails().at(-1)!.text, 'reinitialiser');
		const weak = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'court'
		});
		expect(weak.status).toBe(400);
		const ok = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'Nouveau-Secret-9'
		});
		expect(ok.status).toBe(200);
		expect((await h.call('GET', '/api/me', undefined, jar)).status).toBe(401);
		expect(
			(
				await h.call('POST', '/api/auth/login', {
					username: body.username,
					password: body.password
				})
			).status
		).toBe(401);
		expect(
			(
				await h.call('POST', '/api/auth/login', {
					username: body.username,
					password: 'Nouveau-Secret-9'
				})
			).status
		).toBe(200);
		const reused = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'Encore-Autre-8'
		});
		expect(reused.status).toBe(410);
	});

	it('expires the reset link after one hour', async () => {
		const h = createHarness();
		const { body } = await signedInParent(h);
		await h.call('POST', '/api/auth/password-reset/request', { email: body.email });
		const token = tokenFromMail(h.outboxMails().at(-1)!.text, 'reinitialiser');
		h.clock.advance(3600_000 + 1);
		const res = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'Nouveau-Secret-9'
		});
		expect(res.status).toBe(410);
		expect((await res.json()).error.message).toMatch(/expiré.*1 heure/);
	});
});

describe('Identifiants: change password', () => {
	it('needs the current password, keeps this session and ends the others', async () => {
		const h = createHarness();
		const { body, jar } = await signedInParent(h);
		const other = new CookieJar();
		await h.call(
			'POST',
			'/api/auth/login',
			{ username: body.username, password: body.password },
			other
		);
		const wrong = await h.call(
			'PUT',
			'/api/me/password',
			{ currentPassword: 'Pas-Le-Bon-1', password: 'Nouveau-Secret-9' },
			jar
		);
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error.fields.currentPassword).toMatch(/incorrect/);
		const ok = await h.call(
			'PUT',
			'/api/me/password',
			{ currentPassword: body.password, password: 'Nouveau-Secret-9' },
			jar
		);
		expect(ok.status).toBe(200);
		expect((await h.call('GET', '/api/me', undefined, jar)).status).toBe(200);
		expect((await h.call('GET', '/api/me', undefined, other)).status).toBe(401);
		expect(h.outboxMails().at(-1)!.subject).toMatch(/mot de passe a été modifié/);
	});
});

describe('Profil', () => {
	it('reads and updates identity, address and contacts', async () => {
		const h = createHarness();
		const { jar, body } = await signedInParent(h);
		const profile = await (await h.call('GET', '/api/me/profile', undefined, jar)).json();
		expect(profile).toMatchObject({
			username: body.username,
			lastName: 'Testeuse',
			address: { city: 'Vienne' }
		});
		const update = {
			...profile,
			address: { ...profile.address, street: 'Avenue Nouvelle' },
			mobile: '0712345678'
		};
		delete update.username;
		const res = await h.call('PUT', '/api/me/profile', update, jar);
		expect(res.status).toBe(200);
		const after = await (await h.call('GET', '/api/me/profile', undefined, jar)).json();
		expect(after.address.street).toBe('Avenue Nouvelle');
		expect(after.mobile).toBe('0712345678');
	});

	it('refuses an invalid phone without changing anything', async () => {
		const h = createHarness();
		const { jar } = await signedInParent(h);
		const profile = await (await h.call('GET', '/api/me/profile', undefined, jar)).json();
		const res = await h.call(
			'PUT',
			'/api/me/profile',
			{ ...profile, lastName: 'Autre', phone: '12' },
			jar
		);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields.phone).toMatch(/numéro de téléphone/);
		expect((await (await h.call('GET', '/api/me/profile', undefined, jar)).json()).lastName).toBe(
			'Testeuse'
		);
	});
});

describe('HTTP hardening', () => {
	it('refuses a cross-site state-changing request (CSRF) with 403', async () => {
		const h = createHarness();
		const { jar } = await signedInParent(h);
		const res = await h.call('POST', '/api/auth/logout', undefined, jar, {
			origin: 'https://evil.example',
			'sec-fetch-site': 'cross-site'
		});
		expect(res.status).toBe(403);
		expect((await h.call('GET', '/api/me', undefined, jar)).status).toBe(200);
		const noFetchMeta = await h.call('POST', '/api/auth/logout', undefined, jar, {
			origin: 'https://evil.example',
			'sec-fetch-site': ''
		});
		expect(noFetchMeta.status).toBe(403);
	});

	it('sends security headers and no-store on API answers', async () => {
		const h = createHarness();
		const res = await h.call('GET', '/api/health');
		expect(await res.json()).toEqual({ status: 'ok' });
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
		expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	});

	it('answers an unknown API path with a French 404', async () => {
		const h = createHarness();
		const res = await h.call('GET', '/api/nulle-part');
		expect(res.status).toBe(404);
		expect((await res.json()).error.message).toMatch(/n’existe pas/);
	});

	it('lists the 16 structures', async () => {
		const h = createHarness();
		const { structures } = await (await h.call('GET', '/api/structures')).json();
		expect(structures).toHaveLength(16);
		expect(structures[0].label).toBe(
			"Accueil Petite enfance - EAJE Cocon de Soie - Liste d'attente"
		);
	});
});
