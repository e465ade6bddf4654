// Single-use mail tokens (activation 48 h, password reset 1 h, e-mail change 24 h): issue, then
// consume once.
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { sha256Hex, urlToken } from './tokens';

export type TokenPurpose = 'activation' | 'password_reset' | 'email_change';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
	activation: 48 * 3600_000,
	password_reset: 3600_000,
	email_change: 24 * 3600_000
};

/** Voids the user's unused tokens of one purpose. */
export function voidTokens(db: Db, userId: string, purpose: TokenPurpose, now: number) {
	db.prepare(
		'UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL'
	).run(now, userId, purpose);
}

/** Issues a new token, voiding the user's unused tokens of the same purpose. */
export function issueToken(
	db: Db,
	userId: string,
	purpose: TokenPurpose,
	now: number,
	newEmail: string | null = null
): string {
	const token = urlToken();
	voidTokens(db, userId, purpose, now);
	db.prepare(
		'INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at, new_email) VALUES (?, ?, ?, ?, ?, ?)'
	).run(sha256Hex(token), userId, purpose, now, now + TOKEN_TTL_MS[purpose], newEmail);
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
	},
	email_change: {
		invalid:
			'Ce lien de confirmation est invalide. Vérifiez qu’il a été copié en entier, ou refaites la demande depuis « Mes identifiants ».',
		expired:
			'Ce lien de confirmation a expiré (il est valable 24 heures). Refaites la demande depuis « Mes identifiants ».',
		used: 'Ce lien de confirmation a déjà été utilisé ou remplacé par une demande plus récente. Votre courriel actuel est affiché dans « Mon profil ».'
	}
};

/** The answer to a malformed or unknown token: the same for both, so nothing is learnt from it. */
export function invalidTokenError(purpose: TokenPurpose): ApiError {
	return new ApiError(400, 'token_invalid', MESSAGES[purpose].invalid);
}

/** The token's row when it can still be used; throws a French 4xx when it cannot. */
function usableToken(
	db: Db,
	token: string,
	purpose: TokenPurpose,
	now: number
): { userId: string; newEmail: string | null } {
	const row = db
		.prepare(
			'SELECT user_id, expires_at, used_at, new_email FROM user_tokens WHERE token_hash = ? AND purpose = ?'
		)
		.get(sha256Hex(token), purpose) as
		| { user_id: string; expires_at: number; used_at: number | null; new_email: string | null }
		| undefined;
	const m = MESSAGES[purpose];
	if (!row) throw invalidTokenError(purpose);
	if (row.used_at !== null) throw new ApiError(410, 'token_used', m.used);
	if (now >= row.expires_at) throw new ApiError(410, 'token_expired', m.expired);
	return { userId: row.user_id, newEmail: row.new_email };
}

/** The user id of a token that can still be used; throws a French 4xx when it cannot. */
export function checkToken(db: Db, token: string, purpose: TokenPurpose, now: number): string {
	return usableToken(db, token, purpose, now).userId;
}

/** Marks the token used and returns its user id; throws a French 4xx when it cannot be used. */
export function consumeToken(db: Db, token: string, purpose: TokenPurpose, now: number): string {
	return consumeTokenRow(db, token, purpose, now).userId;
}

/** Like consumeToken, also returning the address an 'email_change' token confirms. */
export function consumeTokenRow(
	db: Db,
	token: string,
	purpose: TokenPurpose,
	now: number
): { userId: string; newEmail: string | null } {
	const row = usableToken(db, token, purpose, now);
	db.prepare('UPDATE user_tokens SET used_at = ? WHERE token_hash = ?').run(now, sha256Hex(token));
	return row;
}
