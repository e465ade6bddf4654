// Reads the session cookie on every request and exposes the user as c.var.user.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { DEVICE_COOKIE, DEVICE_TTL_MS } from '../auth/trusted-devices';
import type { AppEnv, SessionUser } from './env';
import { errorBody } from './errors';

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number) {
	setCookie(c, SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Lax',
		secure: c.var.deps.config.production,
		path: '/',
		expires: new Date(expiresAt)
	});
}

/** The device cookie (trusted-devices.ts): only sign-in reads it. */
export function setDeviceCookie(c: Context<AppEnv>, token: string) {
	setCookie(c, DEVICE_COOKIE, token, {
		httpOnly: true,
		sameSite: 'Lax',
		secure: c.var.deps.config.production,
		path: '/api/auth',
		maxAge: DEVICE_TTL_MS / 1000
	});
}

export const deviceCookie = (c: Context<AppEnv>) => getCookie(c, DEVICE_COOKIE);

export function clearSessionCookie(c: Context<AppEnv>) {
	deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.deps.config.production });
}

export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
	return async function session(c, next) {
		c.set('user', null);
		c.set('sessionId', null);
		const token = getCookie(c, SESSION_COOKIE);
		if (token) {
			const { db, clock } = c.var.deps;
			const result = validateSessionToken(db, token, clock.now());
			if (result) {
				c.set('user', result.user);
				c.set('sessionId', result.session.id);
				if (result.renewed) setSessionCookie(c, token, result.session.expiresAt);
			} else clearSessionCookie(c);
		}
		return next();
	};
}

const SIGN_IN_REQUIRED =
	'Votre session a expiré ou vous n’êtes pas connecté : connectez-vous pour continuer.';

/** Lets the request through only with a session whose role is in `roles`. */
export function requireRole(...roles: SessionUser['role'][]): MiddlewareHandler<AppEnv> {
	return async function requireRoleMiddleware(c, next) {
		const user = c.var.user;
		if (!user) return c.json(errorBody('unauthenticated', SIGN_IN_REQUIRED), 401);
		if (!roles.includes(user.role))
			return c.json(errorBody('forbidden', 'Vous n’avez pas accès à cette page.'), 403);
		return next();
	};
}
