// /api/auth: create a space, activate it, sign in and out, reset a password.
import { Hono } from 'hono';
import * as v from 'valibot';
import {
	Login,
	personalInputs,
	PasswordResetConfirm,
	PasswordResetRequest,
	Register,
	Token
} from '../../src/lib/domain/account';
import { activate, registerParent, resendActivation } from '../auth/accounts';
import { confirmPasswordReset, login, requestPasswordReset } from '../auth/credentials';
import { confirmEmailChange } from '../auth/email-change';
import { assertStrongPassword } from '../auth/password-strength';
import { consumeLimit, LIMITS } from '../auth/rate-limit';
import { invalidateSession } from '../auth/session';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { checkToken, invalidTokenError, type TokenPurpose } from '../auth/user-tokens';
import {
	clearSessionCookie,
	deviceCookie,
	setDeviceCookie,
	setSessionCookie
} from '../http/session-middleware';
import { meView } from './me';

/** Like parseJson, but a malformed token gets the same answer as an unknown one. */
async function parseWithToken<S extends Parameters<typeof parseJson>[1]>(
	c: Parameters<typeof parseJson>[0],
	schema: S,
	purpose: TokenPurpose
) {
	try {
		return await parseJson(c, schema);
	} catch (error) {
		if (error instanceof ApiError && error.fields?.token) throw invalidTokenError(purpose);
		throw error;
	}
}

export const authRoutes = new Hono<AppEnv>()
	.post('/register', async (c) => {
		const input = await parseJson(c, Register);
		const { db, clock, config } = c.var.deps;
		const limit = { ...LIMITS.registration, max: config.registrationsPerHour };
		consumeLimit(db, limit, c.var.clientAddress, clock.now());
		await assertStrongPassword(input.password, personalInputs(input));
		await registerParent(c.var.deps, input);
		return c.json({ status: 'pending_activation' }, 201);
	})
	.post('/activate', async (c) => {
		const { token } = await parseWithToken(c, Token, 'activation');
		activate(c.var.deps, token);
		return c.json({ status: 'activated' }, 200);
	})
	.post('/activation/resend', async (c) => {
		const { email } = await parseJson(c, PasswordResetRequest);
		const { db, clock } = c.var.deps;
		consumeLimit(db, LIMITS.activation, email, clock.now());
		resendActivation(c.var.deps, email);
		return c.json({ status: 'sent_if_pending' }, 202);
	})
	.post('/login', async (c) => {
		const { username, password } = await parseJson(c, Login);
		const { token, expiresAt, deviceToken } = await login(c.var.deps, username, password, {
			ip: c.var.clientAddress,
			deviceToken: deviceCookie(c)
		});
		setSessionCookie(c, token, expiresAt);
		setDeviceCookie(c, deviceToken);
		return c.json(meView(c, token.split('.')[0]), 200);
	})
	.post('/logout', (c) => {
		const id = c.var.sessionId;
		if (id) invalidateSession(c.var.deps.db, id);
		clearSessionCookie(c);
		return c.body(null, 204);
	})
	.post('/password-reset/request', async (c) => {
		const { email } = await parseJson(c, PasswordResetRequest);
		const { db, clock } = c.var.deps;
		consumeLimit(db, LIMITS.passwordReset, email, clock.now());
		requestPasswordReset(c.var.deps, email);
		return c.json({ status: 'sent_if_known' }, 202);
	})
	// Lets the reset page say "already used" or "expired" before the parent types anything.
	.get('/password-reset/:token', (c) => {
		const parsed = v.safeParse(Token, { token: c.req.param('token') });
		if (!parsed.success) throw invalidTokenError('password_reset');
		const { db, clock } = c.var.deps;
		checkToken(db, parsed.output.token, 'password_reset', clock.now());
		return c.json({ status: 'valid' }, 200);
	})
	.post('/email-change/confirm', async (c) => {
		const { token } = await parseWithToken(c, Token, 'email_change');
		const { email } = confirmEmailChange(c.var.deps, token);
		return c.json({ status: 'changed', email }, 200);
	})
	.post('/password-reset/confirm', async (c) => {
		const { token, password } = await parseWithToken(c, PasswordResetConfirm, 'password_reset');
		await confirmPasswordReset(c.var.deps, token, password);
		clearSessionCookie(c);
		return c.json({ status: 'changed' }, 200);
	});
