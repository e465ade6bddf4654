// Sign-in throttling (CNIL 2022-100, "restriction" case): an exponential delay after 5
// consecutive failures (1 min, 2 min, 4 min… up to 24 h, so at most ~16 tries a day), counted
// per account for unknown devices and per (account, device) for a device that signed in to the
// account before (trusted-devices.ts), so that guessing from elsewhere never locks it out; per
// client address, a looser cap against credential stuffing (100 failures an hour, untrusted only).
import type { Db } from '../db';

export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 24 * 3600_000;
const ACCOUNT_WINDOW_MS = 24 * 3600_000;
export const IP_MAX_FAILURES = 100;
const IP_WINDOW_MS = 3600_000;

/** Who is trying: the account key, the client address, and the trusted device's hash if any. */
export interface Attempt {
	accountKey: string;
	ip: string;
	device: string | null;
}

export function accountDelayMs(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

const counterOf = (a: Attempt) =>
	a.device
		? { scope: 'device', key: `${a.accountKey}|${a.device}` }
		: { scope: 'account', key: a.accountKey };

/** Milliseconds the caller must still wait before trying again, or 0. */
export function retryAfterMs(db: Db, attempt: Attempt, now: number): number {
	const { scope, key } = counterOf(attempt);
	const acc = db
		.prepare(
			'SELECT COUNT(*) AS n, MAX(at) AS last FROM login_failures WHERE scope = ? AND key = ? AND at > ?'
		)
		.get(scope, key, now - ACCOUNT_WINDOW_MS) as { n: number; last: number | null };
	let wait = acc.last === null ? 0 : acc.last + accountDelayMs(acc.n) - now;
	if (!attempt.device) {
		const ipRow = db
			.prepare(
				"SELECT COUNT(*) AS n, MIN(at) AS first FROM login_failures WHERE scope = 'ip' AND key = ? AND at > ?"
			)
			.get(attempt.ip, now - IP_WINDOW_MS) as { n: number; first: number | null };
		if (ipRow.n >= IP_MAX_FAILURES && ipRow.first !== null)
			wait = Math.max(wait, ipRow.first + IP_WINDOW_MS - now);
	}
	return Math.max(0, wait);
}

export function recordFailure(db: Db, attempt: Attempt, now: number) {
	const insert = db.prepare('INSERT INTO login_failures (scope, key, at) VALUES (?, ?, ?)');
	const { scope, key } = counterOf(attempt);
	db.transaction(() => {
		insert.run(scope, key, now);
		if (!attempt.device) insert.run('ip', attempt.ip, now);
	})();
}

/** A successful sign-in clears the counter it was judged by (not the address's). */
export function clearFailures(db: Db, attempt: Attempt) {
	const { scope, key } = counterOf(attempt);
	db.prepare('DELETE FROM login_failures WHERE scope = ? AND key = ?').run(scope, key);
}

export function pruneFailures(db: Db, now: number) {
	db.prepare('DELETE FROM login_failures WHERE at <= ?').run(now - ACCOUNT_WINDOW_MS);
}
