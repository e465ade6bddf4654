// Sign-in throttling (CNIL 2022-100, "restriction" case): per account, an exponential delay
// after 5 consecutive failures (1 min, 2 min, 4 min… up to 24 h, so at most ~16 tries a day);
// per client address, a looser cap against credential stuffing (100 failures an hour).
import type { Db } from '../db';

export const FREE_FAILURES = 5;
const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 24 * 3600_000;
const ACCOUNT_WINDOW_MS = 24 * 3600_000;
export const IP_MAX_FAILURES = 100;
const IP_WINDOW_MS = 3600_000;

export function accountDelayMs(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

/** Milliseconds the caller must still wait before trying again, or 0. */
export function retryAfterMs(db: Db, accountKey: string, ip: string, now: number): number {
	const acc = db
		.prepare(
			"SELECT COUNT(*) AS n, MAX(at) AS last FROM login_failures WHERE scope = 'account' AND key = ? AND at > ?"
		)
		.get(accountKey, now - ACCOUNT_WINDOW_MS) as { n: number; last: number | null };
	let wait = acc.last === null ? 0 : acc.last + accountDelayMs(acc.n) - now;
	const ipRow = db
		.prepare(
			"SELECT COUNT(*) AS n, MIN(at) AS first FROM login_failures WHERE scope = 'ip' AND key = ? AND at > ?"
		)
		.get(ip, now - IP_WINDOW_MS) as { n: number; first: number | null };
	if (ipRow.n >= IP_MAX_FAILURES && ipRow.first !== null)
		wait = Math.max(wait, ipRow.first + IP_WINDOW_MS - now);
	return Math.max(0, wait);
}

export function recordFailure(db: Db, accountKey: string, ip: string, now: number) {
	const insert = db.prepare('INSERT INTO login_failures (scope, key, at) VALUES (?, ?, ?)');
	db.transaction(() => {
		insert.run('account', accountKey, now);
		insert.run('ip', ip, now);
	})();
}

/** A successful sign-in clears the account's failures (not the address's). */
export function clearAccountFailures(db: Db, accountKey: string) {
	db.prepare("DELETE FROM login_failures WHERE scope = 'account' AND key = ?").run(accountKey);
}

export function pruneFailures(db: Db, now: number) {
	db.prepare('DELETE FROM login_failures WHERE at <= ?').run(now - ACCOUNT_WINDOW_MS);
}
