// Limits on what sends mail or makes work, and the client address they are counted for.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, registrationFactory, signedInParent } from '../test/harness';
import { realMailbox, type Mailbox } from '../test/mailbox';

let mailbox: Mailbox | null = null;
afterEach(async () => {
	await mailbox?.close();
	mailbox = null;
});

describe('password-reset mails', () => {
	it('sends at most 3 reset mails an hour for one address; then a French 429, the same for an unknown address', async () => {
		const h = createHarness();
		mailbox = await realMailbox(h);
		const { body } = await signedInParent(h);
		const ask = (email: string) => h.call('POST', '/api/auth/password-reset/request', { email });
		const answers = [];
		for (let i = 0; i < 30; i++) answers.push(await ask(body.email));
		expect(answers.slice(0, 3).map((r) => r.status)).toEqual([202, 202, 202]);
		const refused = answers[3];
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
		const known = await refused.json();
		expect(known.error.message).toMatch(/réessayez dans 60 minutes/);
		const mails = (await mailbox.deliver()).filter((m) => /Réinitialisation/.test(m.subject));
		expect(mails).toHaveLength(3);

		for (let i = 0; i < 3; i++) expect((await ask('inconnu@test.localhost')).status).toBe(202);
		const unknown = await ask('inconnu@test.localhost');
		expect(unknown.status).toBe(429);
		expect(await unknown.json()).toEqual(known);

		h.clock.advance(3600_000 + 1000);
		expect((await ask(body.email)).status).toBe(202);
	});
});

describe('activation mails', () => {
	it('resends at most 3 activation mails an hour for one address, the same answer for unknown ones', async () => {
		const h = createHarness();
		const body = registrationFactory();
		await h.call('POST', '/api/auth/register', body);
		const resend = (email: string) => h.call('POST', '/api/auth/activation/resend', { email });
		for (let i = 0; i < 3; i++) expect((await resend(body.email)).status).toBe(202);
		const refused = await resend(body.email);
		expect(refused.status).toBe(429);
		const message = (await refused.json()).error.message;
		expect(message).toMatch(/courriels d’activation.*réessayez dans/);
		expect(h.outboxMails().filter((m) => m.to === body.email)).toHaveLength(4); // 1 + 3 resent
		for (let i = 0; i < 3; i++) await resend('personne@test.localhost');
		expect((await (await resend('personne@test.localhost')).json()).error.message).toBe(message);
	});
});

describe('registrations per client address', () => {
	const register = (h: ReturnType<typeof createHarness>, headers: Record<string, string> = {}) =>
		h.call('POST', '/api/auth/register', registrationFactory(), undefined, headers);

	it('accepts 10 registrations an hour from one address, then answers a French 429', async () => {
		const h = createHarness();
		for (let i = 0; i < 10; i++) expect((await register(h)).status).toBe(201);
		const refused = await register(h);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBeTruthy();
		expect((await refused.json()).error.message).toMatch(/créations d’espace.*réessayez dans/);
		expect((h.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(10);
	});

	it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
		const h = createHarness({ trustedProxies: ['10.0.0.2'] });
		for (let i = 0; i < 10; i++)
			expect((await register(h, { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(201);
		expect((await register(h, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
	});

	it('counts per client behind a trusted proxy, from the right-most untrusted X-Forwarded-For address', async () => {
		const h = createHarness({ trustedProxies: ['10.0.0.2'] });
		h.peer = '10.0.0.2';
		for (let i = 0; i < 10; i++)
			expect((await register(h, { 'x-forwarded-for': '203.0.113.5' })).status).toBe(201);
		// The same client again, even lying in front of the header, is refused…
		expect((await register(h, { 'x-forwarded-for': '1.1.1.1, 203.0.113.5' })).status).toBe(429);
		// …but another family behind the same proxy is not.
		expect((await register(h, { 'x-forwarded-for': '203.0.113.6' })).status).toBe(201);
	});
});

describe('sign-in failures per client address behind a proxy', () => {
	it('does not block every client of a trusted proxy when one client fails 100 times', async () => {
		const h = createHarness({ trustedProxies: ['10.0.0.2'] });
		h.peer = '10.0.0.2';
		const { body } = await signedInParent(h);
		const now = h.clock.now();
		const insert = h.db.prepare(
			"INSERT INTO login_failures (scope, key, at) VALUES ('ip', '203.0.113.66', ?)"
		);
		for (let i = 0; i < 100; i++) insert.run(now - 1000);
		const login = (client: string) =>
			h.call(
				'POST',
				'/api/auth/login',
				{ username: body.username, password: body.password },
				undefined,
				{ 'x-forwarded-for': client }
			);
		expect((await login('203.0.113.66')).status).toBe(429);
		expect((await login('203.0.113.7')).status).toBe(200);
	});
});
