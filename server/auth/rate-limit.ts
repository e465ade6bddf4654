// Hourly caps on what sends mail or makes work (reset and activation mails, registrations,
// e-mail changes), counted per key in rate_events. A refused attempt is not counted.
import type { Db } from '../db';
import { ApiError } from '../http/errors';

export interface Limit {
	/** Prefix of the counted key, e.g. 'reset' for 'reset:<e-mail>'. */
	name: string;
	max: number;
	windowMs: number;
	/** French sentence before "réessayez dans …". */
	message: string;
}

const HOUR = 3600_000;

export const LIMITS = {
	/** Per e-mail asked for, known or not: the answer must not tell whether an account exists. */
	passwordReset: {
		name: 'reset',
		max: 3,
		windowMs: HOUR,
		message: 'Plusieurs demandes ont déjà été faites pour cette adresse dans l’heure.'
	},
	activation: {
		name: 'activation',
		max: 3,
		windowMs: HOUR,
		message:
			'Plusieurs courriels d’activation ont déjà été demandés pour cette adresse dans l’heure.'
	},
	/** Per client address; `max` comes from REGISTRATIONS_PER_HOUR. */
	registration: {
		name: 'register',
		max: 10,
		windowMs: HOUR,
		message: 'Trop de créations d’espace depuis votre connexion dans l’heure.'
	},
	/** Wrong current passwords (e-mail or password change), per account: a stolen session cannot guess on. */
	reauthFailures: {
		name: 'reauth',
		max: 5,
		windowMs: HOUR,
		message: 'Trop de mots de passe actuels incorrects.'
	},
	/** Per account. */
	emailChange: {
		name: 'email-change',
		max: 3,
		windowMs: HOUR,
		message: 'Vous avez déjà demandé plusieurs changements de courriel dans l’heure.'
	}
} satisfies Record<string, Limit>;

/** "45 secondes", "12 minutes": how long to wait, in French. */
export function waitPhrase(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	return seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} secondes`;
}

export function tooManyRequests(ms: number, sentence: string): ApiError {
	return new ApiError(
		429,
		'rate_limited',
		`${sentence} Pour éviter les abus, réessayez dans ${waitPhrase(ms)}.`,
		undefined,
		{ 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) }
	);
}

const keyOf = (limit: Limit, subject: string) => `${limit.name}:${subject.toLowerCase()}`;

/** Throws a French 429 when `limit` is reached for `subject`; counts nothing. */
export function assertUnderLimit(db: Db, limit: Limit, subject: string, now: number): void {
	const row = db
		.prepare('SELECT COUNT(*) AS n, MIN(at) AS first FROM rate_events WHERE key = ? AND at > ?')
		.get(keyOf(limit, subject), now - limit.windowMs) as { n: number; first: number | null };
	if (row.n >= limit.max && row.first !== null)
		throw tooManyRequests(row.first + limit.windowMs - now, limit.message);
}

export function countEvent(db: Db, limit: Limit, subject: string, now: number): void {
	db.prepare('INSERT INTO rate_events (key, at) VALUES (?, ?)').run(keyOf(limit, subject), now);
}

/** Counts one event for `limit` and `subject`, or throws a French 429 when the cap is reached. */
export function consumeLimit(db: Db, limit: Limit, subject: string, now: number): void {
	assertUnderLimit(db, limit, subject, now);
	countEvent(db, limit, subject, now);
}

export function pruneRateEvents(db: Db, now: number) {
	db.prepare('DELETE FROM rate_events WHERE at <= ?').run(now - 24 * HOUR);
}
