// /api/me: who is signed in, their household and sync URL; their profile and password.
import { Hono, type Context } from 'hono';
import { ChangeEmail, ChangePassword, Profile } from '../../src/lib/domain/account';
import { changePassword } from '../auth/credentials';
import { requestEmailChange } from '../auth/email-change';
import { getProfile, updateProfile } from '../auth/profile';
import type { AppEnv, SessionUser } from '../http/env';
import { parseJson } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { householdDbName } from '../../sync/server';

export interface MeView {
	user: Pick<
		SessionUser,
		'id' | 'username' | 'role' | 'civility' | 'lastName' | 'firstNames' | 'lastLoginAt'
	>;
	household: { id: string } | null;
	syncUrl: string | null;
}

/** The answer of GET /api/me for the user behind `sessionId` (also returned by sign-in). */
export function meView(c: Context<AppEnv>, sessionId: string): MeView {
	const row = c.var.deps.db
		.prepare(
			`SELECT u.id, u.username, u.role, u.civility, u.last_name, u.first_names, u.previous_login_at, u.household_id
			 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`
		)
		.get(sessionId) as Record<string, string | null>;
	const householdId = row.household_id;
	return {
		user: {
			id: row.id as string,
			username: row.username as string,
			role: row.role as SessionUser['role'],
			civility: row.civility as SessionUser['civility'],
			lastName: row.last_name as string,
			firstNames: row.first_names as string,
			lastLoginAt: row.previous_login_at
		},
		household: householdId ? { id: householdId } : null,
		syncUrl: householdId
			? new URL(`/sync/${householdDbName(householdId)}`, c.req.url).toString()
			: null
	};
}

export const meRoutes = new Hono<AppEnv>()
	.get('/', requireRole('parent', 'staff', 'admin'), (c) =>
		c.json(meView(c, c.var.sessionId!), 200)
	)
	.get('/profile', requireRole('parent', 'staff', 'admin'), (c) =>
		c.json(getProfile(c.var.deps.db, c.var.user!.id, c.var.deps.clock.now()), 200)
	)
	.put('/profile', requireRole('parent', 'staff', 'admin'), async (c) => {
		const input = await parseJson(c, Profile);
		const { db, clock } = c.var.deps;
		return c.json(updateProfile(db, c.var.user!.id, input, clock.now()), 200);
	})
	.put('/email', requireRole('parent', 'staff', 'admin'), async (c) => {
		const { email, currentPassword } = await parseJson(c, ChangeEmail);
		const result = await requestEmailChange(c.var.deps, c.var.user!, currentPassword, email);
		return c.json({ status: 'pending_confirmation', ...result }, 202);
	})
	.put('/password', requireRole('parent', 'staff', 'admin'), async (c) => {
		const { currentPassword, password } = await parseJson(c, ChangePassword);
		await changePassword(c.var.deps, c.var.user!, c.var.sessionId!, currentPassword, password);
		return c.json({ status: 'changed' }, 200);
	});
