// Single-use mail tokens (activation 48 h, password reset 1 h): issue, then consume once.
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { sha256Hex, urlToken } from './tokens';

export type TokenPurpose = 'activation' | 'password_reset';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
	activation: 48 * 3600_000,
	password_reset: 3600_000
};

/** Issues a new token, voiding the user's unused tokens of the same purpose. */
export function issueToken(db: Db, userId: string, purpose: TokenPurpose, now: number): string {
	const token = urlToken();
	db.prepare(
		'UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL'
	).run(now, userId, purpose);
	db.prepare(
		'INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
	).run(sha256Hex(token), userId, purpose, now, now + TOKEN_TTL_MS[purpose]);
	return token;
}

const MESSAGES: Record<TokenPurpose, { invalid: string; expired: string; used: string }> = {
	activation: {
		invalid:
			'Ce lien d’activation est invalide. Vérifiez qu’il a été copié en entier, ou demandez un nouveau courriel d’activation.',
		expired:
			'Ce lien d’activation a expiré (il est valable 48 heures). Demandez un nouveau courriel d’activation.',
		used: 'Ce lien d’activation a déjà été utilisé ou remplacé par un lien plus récent. Si votre espace est activé, connectez-vous.'
	},
	password_reset: {
		invalid:
			'Ce lien de réinitialisation est invalide. Vérifiez qu’il a été copié en entier, ou faites une nouvelle demande.',
		expired:
			'Ce lien de réinitialisation a expiré (il est valable 1 heure). Faites une nouvelle demande.',
		used: 'Ce lien de réinitialisation a déjà été utilisé ou remplacé par un lien plus récent. Faites une nouvelle demande si besoin.'
	}
};

/** The answer to a malformed or unknown token: the same for both, so nothing is learnt from it. */
export function invalidTokenError(purpose: TokenPurpose): ApiError {
	return new ApiError(400, 'token_invalid', MESSAGES[purpose].invalid);
}

/** The user id of a token that can still be used; throws a French 4xx when it cannot. */
export function checkToken(db: Db, token: string, purpose: TokenPurpose, now: number): string {
	const row = db
		.prepare(
			'SELECT user_id, expires_at, used_at FROM user_tokens WHERE token_hash = ? AND purpose = ?'
		)
		.get(sha256Hex(token), purpose) as
		{ user_id: string; expires_at: number; used_at: number | null } | undefined;
	const m = MESSAGES[purpose];
	if (!row) throw invalidTokenError(purpose);
	if (row.used_at !== null) throw new ApiError(410, 'token_used', m.used);
	if (now >= row.expires_at) throw new ApiError(410, 'token_expired', m.expired);
	return row.user_id;
}

/** Marks the token used and returns its user id; throws a French 4xx when it cannot be used. */
export function consumeToken(db: Db, token: string, purpose: TokenPurpose, now: number): string {
	const userId = checkToken(db, token, purpose, now);
	db.prepare('UPDATE user_tokens SET used_at = ? WHERE token_hash = ?').run(now, sha256Hex(token));
	return userId;
}
