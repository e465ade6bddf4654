// Sessions as the Lucia project publishes them: token "id.secret", only SHA-256(secret) stored,
// constant-time comparison, 30-day sliding expiry renewed when less than half remains.
import type { Db } from '../db';
import type { SessionUser } from '../http/env';
import { constantTimeEqual, randomSecret, sha256 } from './tokens';

export const SESSION_COOKIE = 'ef_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface Session {
	id: string;
	userId: string;
	expiresAt: number;
}

export function createSession(
	db: Db,
	userId: string,
	now: number
): { token: string; session: Session } {
	const id = randomSecret();
	const secret = randomSecret();
	const session = { id, userId, expiresAt: now + SESSION_TTL_MS };
	db.prepare(
		'INSERT INTO sessions (id, secret_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
	).run(id, sha256(secret), userId, now, session.expiresAt);
	return { token: `${id}.${secret}`, session };
}

interface SessionRow {
	id: string;
	secret_hash: Buffer;
	expires_at: number;
	user_id: string;
	username: string;
	role: SessionUser['role'];
	household_id: string | null;
	civility: SessionUser['civility'];
	last_name: string;
	first_names: string;
	email: string;
	previous_login_at: string | null;
}

/** Returns the session and its user, renewing the expiry when needed; null when invalid. */
export function validateSessionToken(
	db: Db,
	token: string,
	now: number
): { session: Session; user: SessionUser; renewed: boolean } | null {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
	const row = db
		.prepare(
			`SELECT s.id, s.secret_hash, s.expires_at, u.id AS user_id, u.username, u.role, u.household_id,
			        u.civility, u.last_name, u.first_names, u.email, u.previous_login_at
			 FROM sessions s JOIN users u ON u.id = s.user_id
			 WHERE s.id = ? AND u.activated_at IS NOT NULL`
		)
		.get(id) as SessionRow | undefined;
	if (!row || !constantTimeEqual(sha256(secret), row.secret_hash)) return null;
	if (now >= row.expires_at) {
		db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
		return null;
	}
	let expiresAt = row.expires_at;
	let renewed = false;
	if (expiresAt - now < SESSION_TTL_MS / 2) {
		expiresAt = now + SESSION_TTL_MS;
		db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
		renewed = true;
	}
	return {
		session: { id, userId: row.user_id, expiresAt },
		renewed,
		user: {
			id: row.user_id,
			username: row.username,
			role: row.role,
			householdId: row.household_id,
			civility: row.civility,
			lastName: row.last_name,
			firstNames: row.first_names,
			email: row.email,
			lastLoginAt: row.previous_login_at
		}
	};
}

export function invalidateSession(db: Db, sessionId: string) {
	db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
}

/** Ends every session of a user except `keep` (after a password change or reset). */
export function invalidateOtherSessions(db: Db, userId: string, keep: string | null) {
	db.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?').run(userId, keep);
}

export function deleteExpiredSessions(db: Db, now: number) {
	db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
}
