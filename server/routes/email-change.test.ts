// Changing the e-mail address: current password required, effective only once the new address
// confirms a single-use link, and a notice to the old address (a stolen session cannot do it silently).
import { afterEach, describe, expect, it } from 'vitest';
import { CookieJar, createHarness, signedInParent, tokenFromMail } from '../test/harness';
import { realMailbox, type Mailbox } from '../test/mailbox';

let mailbox: Mailbox | null = null;
afterEach(async () => {
	await mailbox?.close();
	mailbox = null;
});

const NEW = 'nouvelle.adresse@test.localhost';

async function setup() {
	const h = createHarness();
	const parent = await signedInParent(h);
	const change = (body: unknown, jar: CookieJar = parent.jar) =>
		h.call('PUT', '/api/me/email', body, jar);
	const profile = async () =>
		(await h.call('GET', '/api/me/profile', undefined, parent.jar)).json();
	const confirm = (token: string) => h.call('POST', '/api/auth/email-change/confirm', { token });
	const linkTo = (to: string) =>
		tokenFromMail(
			h
				.outboxMails()
				.filter((m) => m.to === to)
				.at(-1)!.text,
			'confirmer-courriel'
		);
	return { h, ...parent, change, profile, confirm, linkTo };
}

describe('e-mail change', () => {
	it('needs the current password: a wrong one changes nothing and sends nothing', async () => {
		const { h, body, change, profile } = await setup();
		const before = h.outboxMails().length;
		const missing = await change({ email: NEW });
		expect(missing.status).toBe(400);
		expect((await missing.json()).error.fields.currentPassword).toMatch(/obligatoire/);
		const wrong = await change({ email: NEW, currentPassword: 'Pas-Le-Bon-1' });
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error.fields.currentPassword).toMatch(/incorrect/);
		expect((await profile()).email).toBe(body.email);
		expect(h.outboxMails().length).toBe(before);
	});

	it('takes effect only when the new address confirms, with a notice to the old one', async () => {
		const { h, body, change, profile, confirm, linkTo } = await setup();
		mailbox = await realMailbox(h);
		const res = await change({ email: NEW, currentPassword: body.password });
		expect(res.status).toBe(202);
		expect(await res.json()).toMatchObject({ pendingEmail: NEW });
		expect(await profile()).toMatchObject({ email: body.email, pendingEmail: NEW });

		const mails = await mailbox.deliver();
		const confirmation = mails.find((m) => m.to === NEW)!;
		expect(confirmation.subject).toBe('Confirmez votre nouvelle adresse de courriel');
		expect(confirmation.text).toContain('http://localhost:3000/confirmer-courriel/');
		const notice = mails.find((m) => m.to === body.email && /changement/.test(m.subject))!;
		expect(notice.subject).toBe('Demande de changement de votre adresse de courriel');
		expect(notice.text).toContain(NEW);
		expect(notice.text).toMatch(/Si vous n’êtes pas à l’origine/);

		// Until confirmed, a reset asked for the new address reaches nobody.
		const before = h.outboxMails().length;
		await h.call('POST', '/api/auth/password-reset/request', { email: NEW });
		expect(h.outboxMails().length).toBe(before);

		const token = linkTo(NEW);
		const done = await confirm(token);
		expect(done.status).toBe(200);
		expect(await done.json()).toEqual({ status: 'changed', email: NEW });
		expect(await profile()).toMatchObject({ email: NEW, pendingEmail: null });
		const again = await confirm(token);
		expect(again.status).toBe(410);
		expect((await again.json()).error.message).toMatch(/déjà été utilisé/);
	});

	it('no longer lets a profile update change the e-mail', async () => {
		const { h, body, jar, profile } = await setup();
		const current = await profile();
		delete current.username;
		delete current.pendingEmail;
		const res = await h.call('PUT', '/api/me/profile', { ...current, email: NEW }, jar);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields.email).toMatch(/Modifier mon courriel/);
		expect((await profile()).email).toBe(body.email);
		const same = await h.call('PUT', '/api/me/profile', { ...current, lastName: 'Autre' }, jar);
		expect(same.status).toBe(200);
	});

	it('expires the link after 24 hours', async () => {
		const { h, body, change, confirm, linkTo, profile } = await setup();
		await change({ email: NEW, currentPassword: body.password });
		h.clock.advance(24 * 3600_000 + 1000);
		const late = await confirm(linkTo(NEW));
		expect(late.status).toBe(410);
		expect((await late.json()).error.message).toMatch(/expiré/);
		expect((await profile()).email).toBe(body.email);
	});

	it('answers an unknown link with a French 400', async () => {
		const { confirm } = await setup();
		const res = await confirm('y'.repeat(43));
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toMatch(/invalide/);
	});

	it('refuses the current address and one used by another space', async () => {
		const { h, body, change } = await setup();
		const same = await change({ email: body.email.toUpperCase(), currentPassword: body.password });
		expect(same.status).toBe(400);
		expect((await same.json()).error.fields.email).toMatch(/déjà votre courriel/);
		const other = await signedInParent(h);
		const taken = await change({ email: other.body.email, currentPassword: body.password });
		expect(taken.status).toBe(409);
		expect((await taken.json()).error.fields.email).toMatch(/autre espace/);
	});

	it('is voided by a password reset (the owner taking the account back)', async () => {
		const { h, body, change, confirm, linkTo } = await setup();
		await change({ email: NEW, currentPassword: body.password });
		const token = linkTo(NEW);
		await h.call('POST', '/api/auth/password-reset/request', { email: body.email });
		const reset = tokenFromMail(h.outboxMails().at(-1)!.text, 'reinitialiser');
		await h.call('POST', '/api/auth/password-reset/confirm', {
			token: reset,
			password: 'Girafe-Bleue-Lavande-17'
		});
		expect((await confirm(token)).status).toBe(410);
		const signedIn = await signedInAgain(h, body.username, 'Girafe-Bleue-Lavande-17');
		expect((await h.call('GET', '/api/me/profile', undefined, signedIn)).status).toBe(200);
		expect((await (await h.call('GET', '/api/me/profile', undefined, signedIn)).json()).email).toBe(
			body.email
		);
	});

	it('sends at most 3 change requests an hour, then a French 429', async () => {
		const { body, change } = await setup();
		for (let i = 0; i < 3; i++)
			expect(
				(await change({ email: `n${i}@test.localhost`, currentPassword: body.password })).status
			).toBe(202);
		const refused = await change({ email: 'n9@test.localhost', currentPassword: body.password });
		expect(refused.status).toBe(429);
		expect((await refused.json()).error.message).toMatch(/réessayez dans/);
	});

	it('stops guessing the current password through a stolen session after 5 failures', async () => {
		const { body, change } = await setup();
		for (let i = 0; i < 5; i++)
			expect((await change({ email: NEW, currentPassword: `Essai-${i}-Faux` })).status).toBe(400);
		const blocked = await change({ email: NEW, currentPassword: body.password });
		expect(blocked.status).toBe(429);
		expect(blocked.headers.get('retry-after')).toBeTruthy();
	});
});

async function signedInAgain(
	h: ReturnType<typeof createHarness>,
	username: string,
	password: string
) {
	const jar = new CookieJar();
	await h.call('POST', '/api/auth/login', { username, password }, jar);
	return jar;
}
