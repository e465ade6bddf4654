// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
// that signed in to an account gets a random token, kept hashed and tied to that account, so
// that failures made elsewhere do not lock it out (see throttle.ts).
import type { Db } from '../db';
import { randomSecret, sha256Hex } from './tokens';

export const DEVICE_COOKIE = 'ef_device';
export const DEVICE_TTL_MS = 180 * 24 * 3600_000;
const WELL_FORMED = /^[a-z2-9]{32,64}$/;

/** The hashed device token when the cookie names a device trusted for `userId`, else null. */
export function trustedDeviceKey(
	db: Db,
	token: string | undefined,
	userId: string | undefined,
	now: number
): string | null {
	if (!token || !userId || !WELL_FORMED.test(token)) return null;
	const hash = sha256Hex(token);
	const row = db
		.prepare(
			'SELECT 1 FROM trusted_devices WHERE token_hash = ? AND user_id = ? AND expires_at > ?'
		)
		.get(hash, userId, now);
	return row ? hash : null;
}

/** Trusts this device for `userId` after a successful sign-in; returns the cookie value to set. */
export function trustDevice(
	db: Db,
	token: string | undefined,
	userId: string,
	now: number
): string {
	// Reuse a token only if the server issued it (a browser signed in to two accounts keeps one
	// cookie); a value the client made up is replaced.
	const known =
		token &&
		WELL_FORMED.test(token) &&
		db.prepare('SELECT 1 FROM trusted_devices WHERE token_hash = ?').get(sha256Hex(token));
	const value = known ? token : randomSecret(32);
	db.prepare(
		`INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (token_hash, user_id) DO UPDATE SET expires_at = excluded.expires_at`
	).run(sha256Hex(value), userId, now, now + DEVICE_TTL_MS);
	return value;
}

export function pruneTrustedDevices(db: Db, now: number) {
	db.prepare('DELETE FROM trusted_devices WHERE expires_at <= ?').run(now);
}
