// GET /api/auth/password-reset/:token: the reset page checks its link before showing the form.
import { describe, expect, it } from 'vitest';
import { createHarness, signedInParent, tokenFromMail } from '../test/harness';

async function resetToken(h: ReturnType<typeof createHarness>) {
	const { body } = await signedInParent(h);
	await h.call('POST', '/api/auth/password-reset/request', { email: body.email });
	return tokenFromMail(h.outboxMails().at(-1)!.text, 'reinitialiser');
}

describe('checking a reset link before showing the form', () => {
	it('says a fresh link is valid, and checking does not use it up', async () => {
		const h = createHarness();
		const token = await resetToken(h);
		const check = await h.call('GET', `/api/auth/password-reset/${token}`);
		expect(check.status).toBe(200);
		expect(await check.json()).toEqual({ status: 'valid' });
		expect((await h.call('GET', `/api/auth/password-reset/${token}`)).status).toBe(200);
		const confirm = await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'Nouveau-Secret-9'
		});
		expect(confirm.status).toBe(200);
	});

	it('says in French that a used link was used', async () => {
		const h = createHarness();
		const token = await resetToken(h);
		await h.call('POST', '/api/auth/password-reset/confirm', {
			token,
			password: 'Nouveau-Secret-9'
		});
		const check = await h.call('GET', `/api/auth/password-reset/${token}`);
		expect(check.status).toBe(410);
		const { error } = await check.json();
		expect(error.code).toBe('token_used');
		expect(error.message).toMatch(/déjà été utilisé/);
	});

	it('says in French that an old link expired', async () => {
		const h = createHarness();
		const token = await resetToken(h);
		h.clock.advance(3600_000 + 1);
		const check = await h.call('GET', `/api/auth/password-reset/${token}`);
		expect(check.status).toBe(410);
		expect((await check.json()).error.code).toBe('token_expired');
	});

	it.each(['inconnu-mais-bien-forme-0123456789', 'court', '%3Cscript%3E'])(
		'answers an unknown or malformed link (%s) with the same 400, never a 500',
		async (token) => {
			const h = createHarness();
			const check = await h.call('GET', `/api/auth/password-reset/${token}`);
			expect(check.status).toBe(400);
			expect((await check.json()).error.code).toBe('token_invalid');
		}
	);

	it('does not check activation links through the reset check', async () => {
		const h = createHarness();
		await signedInParent(h);
		const activation = tokenFromMail(h.outboxMails()[0].text, 'activation');
		const check = await h.call('GET', `/api/auth/password-reset/${activation}`);
		expect(check.status).toBe(400);
	});
});
