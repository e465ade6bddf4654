// Weak-password refusal by zxcvbn-ts on the server, with its French feedback, on every form
// that sets a password; CNIL 2022-100's rule (8 characters of 3 kinds) stays the floor.
import { describe, expect, it } from 'vitest';
import { createHarness, registrationFactory, signedInParent, tokenFromMail } from '../test/harness';

const GUESSABLE = 'Azerty123!'; // passes the floor (10 characters, 4 kinds)

describe('weak passwords (zxcvbn-ts)', () => {
	it('refuses a guessable password at registration with French feedback, writing nothing', async () => {
		const h = createHarness();
		const res = await h.call(
			'POST',
			'/api/auth/register',
			registrationFactory({ password: GUESSABLE })
		);
		expect(res.status).toBe(400);
		const { error } = await res.json();
		expect(error.fields.password).toMatch(/^Ce mot de passe est trop facile à deviner\. .*Ajoutez/);
		expect((h.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(0);
	});

	it('judges the password against what the parent typed (name, e-mail, username)', async () => {
		const h = createHarness();
		const res = await h.call(
			'POST',
			'/api/auth/register',
			registrationFactory({ lastName: 'Dupontel', password: 'Dupontel-2024' })
		);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields.password).toMatch(/données personnelles/);
	});

	it("refuses a password built on the parent's own names even among other words", async () => {
		const h = createHarness();
		const res = await h.call(
			'POST',
			'/api/auth/register',
			registrationFactory({
				firstName: 'Alice',
				lastName: 'Testeuse',
				password: 'Alice-Testeuse-1'
			})
		);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields.password).toMatch(/données personnelles/);
	});

	it('keeps the CNIL floor: 8 characters of 3 kinds, whatever zxcvbn thinks', async () => {
		const h = createHarness();
		const res = await h.call(
			'POST',
			'/api/auth/register',
			registrationFactory({ password: 'girafe bleue lavande violette' })
		);
		expect((await res.json()).error.fields.password).toMatch(
			/au minimum 8 caractères dont au moins 3/
		);
	});

	it('refuses a guessable password on reset and on change', async () => {
		const h = createHarness();
		const { body, jar } = await signedInParent(h);
		await h.call('POST', '/api/auth/password-reset/request', { email: body.email });
		const token = tokenFromMail(h.outboxMails().at(-1)!.text, 'reinitialiser');
		const reset = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: GUESSABLE
		});
		expect(reset.status).toBe(400);
		expect((await reset.json()).error.fields.password).toMatch(/trop facile à deviner/);
		const change = await h.call(
			'PUT',
			'/api/me/password',
			{ currentPassword: body.password, password: GUESSABLE },
			jar
		);
		expect(change.status).toBe(400);
		expect((await change.json()).error.fields.password).toMatch(/trop facile à deviner/);
		// The link is still usable with a good password.
		const ok = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'Girafe-Bleue-Lavande-17'
		});
		expect(ok.status).toBe(200);
	});
});
