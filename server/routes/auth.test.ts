// Creating a space, activation and sign-in through the real app on real SQLite.
import { describe, expect, it } from 'vitest';
import {
	CookieJar,
	createHarness,
	registrationFactory,
	signedInParent,
	tokenFromMail
} from '../test/harness';

const count = (h: ReturnType<typeof createHarness>, table: string) =>
	(h.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('create my space', () => {
	it('creates an inactive parent, a household and an activation mail in one go', async () => {
		const h = createHarness();
		const body = registrationFactory();
		const res = await h.call('POST', '/api/auth/register', body);
		expect(res.status).toBe(201);
		const [mail] = h.outboxMails();
		expect(mail.to).toBe(body.email);
		expect(mail.subject).toMatch(/Activez/);
		expect(mail.text).toMatch(/48 heures/);
		expect(mail.html).toContain('href="http://localhost:3000/activation/');
		expect(count(h, 'households')).toBe(1);
		const login = await h.call('POST', '/api/auth/login', {
			username: body.username,
			password: body.password
		});
		expect(login.status).toBe(403);
		expect((await login.json()).error.message).toMatch(/pas encore activé/);
	});

	it.each([
		['password', { password: 'abcdefgh' }, /au minimum 8 caractères/],
		['password', { password: 'Azerty123!' }, /trop facile à deviner/],
		['lastName', { lastName: '  ' }, /« Nom usuel » est obligatoire/],
		['email', { email: 'pas-un-courriel' }, /adresse valide/],
		['acceptCgu', { acceptCgu: false }, /conditions générales/],
		['address.postalCode', { address: { postalCode: '382' } }, /5 chiffres/],
		['birthDate', { birthDate: '2999-01-01' }, /doit être passée/],
		['civility', { civility: 'Mx' }, /Civilité/]
	])(
		'refuses a bad %s with a French message and writes nothing',
		async (field, override, message) => {
			const h = createHarness();
			const res = await h.call('POST', '/api/auth/register', registrationFactory(override));
			expect(res.status).toBe(400);
			const { error } = await res.json();
			expect(error.code).toBe('validation');
			expect(error.fields[field]).toMatch(message);
			expect(count(h, 'users') + count(h, 'households') + count(h, 'outbox')).toBe(0);
		}
	);

	it('refuses a missing required field', async () => {
		const h = createHarness();
		const body: Record<string, unknown> = registrationFactory();
		delete body.firstNames;
		const res = await h.call('POST', '/api/auth/register', body);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields.firstNames).toBe(
			'Le champ « Prénom(s) » est obligatoire.'
		);
		expect(count(h, 'users')).toBe(0);
	});

	it('refuses a duplicate username or e-mail (case-insensitive) and leaves no row behind', async () => {
		const h = createHarness();
		const first = registrationFactory();
		expect((await h.call('POST', '/api/auth/register', first)).status).toBe(201);
		const sameUser = await h.call(
			'POST',
			'/api/auth/register',
			registrationFactory({ username: first.username.toUpperCase() })
		);
		expect(sameUser.status).toBe(409);
		expect((await sameUser.json()).error.fields.username).toMatch(/déjà utilisé/);
		const sameMail = await h.call(
			'POST',
			'/api/auth/register',
			registrationFactory({ email: first.email.toUpperCase() })
		);
		expect(sameMail.status).toBe(409);
		expect((await sameMail.json()).error.fields.email).toMatch(/existe déjà/);
		expect(count(h, 'users')).toBe(1);
		expect(count(h, 'households')).toBe(1);
		expect(count(h, 'outbox')).toBe(1);
	});

	it('rejects unreadable JSON with a 400', async () => {
		const h = createHarness();
		const res = await h.call('POST', '/api/auth/register', '{"acceptCgu": tru');
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toMatch(/illisible/);
	});
});

describe('activation', () => {
	async function registered(h: ReturnType<typeof createHarness>) {
		const body = registrationFactory();
		await h.call('POST', '/api/auth/register', body);
		return { body, token: tokenFromMail(h.outboxMails().at(-1)!.text, 'activation') };
	}

	it('activates once; a reused link gets a clear message', async () => {
		const h = createHarness();
		const { body, token } = await registered(h);
		expect((await h.call('POST', '/api/auth/activate', { token })).status).toBe(200);
		const again = await h.call('POST', '/api/auth/activate', { token });
		expect(again.status).toBe(410);
		expect((await again.json()).error.message).toMatch(/déjà été utilisé/);
		const login = await h.call('POST', '/api/auth/login', {
			username: body.username,
			password: body.password
		});
		expect(login.status).toBe(200);
	});

	it('expires after 48 hours; a resent link works and voids the old one', async () => {
		const h = createHarness();
		const { body, token } = await registered(h);
		h.clock.advance(48 * 3600_000 + 1000);
		const late = await h.call('POST', '/api/auth/activate', { token });
		expect(late.status).toBe(410);
		expect((await late.json()).error.message).toMatch(/expiré/);
		expect(
			(await h.call('POST', '/api/auth/activation/resend', { email: body.email })).status
		).toBe(202);
		const fresh = tokenFromMail(h.outboxMails().at(-1)!.text, 'activation');
		expect(fresh).not.toBe(token);
		expect((await h.call('POST', '/api/auth/activate', { token: fresh })).status).toBe(200);
	});

	it('answers an unknown token with a 400 and a French message', async () => {
		const h = createHarness();
		const res = await h.call('POST', '/api/auth/activate', { token: 'x'.repeat(43) });
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toMatch(/invalide/);
	});

	it('answers a malformed token like an unknown one', async () => {
		const h = createHarness();
		const res = await h.call('POST', '/api/auth/activate', { token: 'court' });
		expect(res.status).toBe(400);
		expect((await res.json()).error).toMatchObject({
			code: 'token_invalid',
			message: expect.stringMatching(/invalide/)
		});
		const reset = await h.call('POST', '/api/auth/password-reset/confirm', {
			token: '',
			password: 'Nouveau-Secret-9'
		});
		expect((await reset.json()).error.code).toBe('token_invalid');
	});

	it('resend is neutral for unknown or already active addresses', async () => {
		const h = createHarness();
		const res = await h.call('POST', '/api/auth/activation/resend', {
			email: 'personne@test.localhost'
		});
		expect(res.status).toBe(202);
		expect(count(h, 'outbox')).toBe(0);
	});
});

describe('sign in and sessions', () => {
	it('sets an HttpOnly SameSite=Lax session cookie and greets with the previous sign-in time', async () => {
		const h = createHarness();
		const { jar, body } = await signedInParent(h);
		const me = await h.call('GET', '/api/me', undefined, jar);
		expect(me.status).toBe(200);
		const data = await me.json();
		expect(data.user).toMatchObject({
			username: body.username,
			role: 'parent',
			civility: 'Madame',
			lastName: 'Testeuse',
			lastLoginAt: null
		});
		expect(data.syncUrl).toBe(`http://localhost:3000/sync/hh-${data.household.id}`);
		h.clock.advance(3600_000);
		const jar2 = new CookieJar();
		const second = await h.call(
			'POST',
			'/api/auth/login',
			{ username: body.username, password: body.password },
			jar2
		);
		const cookie = second.headers.getSetCookie()[0];
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(cookie).not.toMatch(/Secure/);
		expect((await second.json()).user.lastLoginAt).toBe(
			new Date(h.clock.now() - 3600_000).toISOString()
		);
	});

	it('stores only a hash of the session secret', async () => {
		const h = createHarness();
		const { jar } = await signedInParent(h);
		const [id, secret] = jar.cookies.get('ef_session')!.split('.');
		const row = h.db.prepare('SELECT secret_hash FROM sessions WHERE id = ?').get(id) as {
			secret_hash: Buffer;
		};
		expect(row.secret_hash.length).toBe(32);
		expect(row.secret_hash.toString('utf8')).not.toContain(secret);
	});

	it('answers 401 without a session, and after sign-out', async () => {
		const h = createHarness();
		expect((await h.call('GET', '/api/me')).status).toBe(401);
		const { jar } = await signedInParent(h);
		const stolen = jar.header();
		expect((await h.call('POST', '/api/auth/logout', undefined, jar)).status).toBe(204);
		const after = await h.call('GET', '/api/me', undefined, undefined, { cookie: stolen });
		expect(after.status).toBe(401);
	});

	it('gives the same answer for an unknown user and a wrong password', async () => {
		const h = createHarness();
		const { body } = await signedInParent(h);
		const wrong = await h.call('POST', '/api/auth/login', {
			username: body.username,
			password: 'Mauvais-Mot-2'
		});
		const unknown = await h.call('POST', '/api/auth/login', {
			username: 'inconnu',
			password: 'Mauvais-Mot-2'
		});
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
	});

	it('expires a session after 30 days without use and slides while used', async () => {
		const h = createHarness();
		const { jar } = await signedInParent(h);
		h.clock.advance(20 * 24 * 3600_000);
		expect((await h.call('GET', '/api/me', undefined, jar)).status).toBe(200); // renewed here
		h.clock.advance(20 * 24 * 3600_000);
		expect((await h.call('GET', '/api/me', undefined, jar)).status).toBe(200);
		h.clock.advance(31 * 24 * 3600_000);
		expect((await h.call('GET', '/api/me', undefined, jar)).status).toBe(401);
	});
});
