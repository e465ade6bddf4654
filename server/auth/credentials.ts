// Signing in, resetting and changing a password.
import type { AppDeps, SessionUser } from '../http/env';
import { ApiError } from '../http/errors';
import { enqueueMail } from '../mail/outbox';
import { passwordChangedMail, passwordResetMail } from '../mail/templates';
import { frenchDateTime } from '../../src/lib/domain/french-date';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { createSession, invalidateOtherSessions } from './session';
import { assertUnderLimit, countEvent, LIMITS, waitPhrase } from './rate-limit';
import { clearFailures, recordFailure, retryAfterMs, type Attempt } from './throttle';
import { trustDevice, trustedDeviceKey } from './trusted-devices';
import { personalInputs } from '../../src/lib/domain/account';
import { assertStrongPassword } from './password-strength';
import { consumeToken, issueToken, checkToken, voidTokens } from './user-tokens';

const INVALID_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';
const NOT_ACTIVATED =
	'Votre espace n’est pas encore activé : ouvrez le lien reçu par courriel, ou demandez un nouveau courriel d’activation.';

interface UserRow {
	id: string;
	email: string;
	password_hash: string;
	civility: string | null;
	last_name: string;
	activated_at: string | null;
}

function throttled(ms: number): ApiError {
	return new ApiError(
		429,
		'throttled',
		`Trop de tentatives de connexion. Pour protéger votre espace, réessayez dans ${waitPhrase(ms)}.`,
		undefined,
		{ 'Retry-After': String(Math.ceil(ms / 1000)) }
	);
}

/** Where a sign-in comes from: the client address and the browser's device cookie, if any. */
export interface LoginOrigin {
	ip: string;
	deviceToken: string | undefined;
}

export async function login(
	deps: AppDeps,
	username: string,
	password: string,
	origin: LoginOrigin
): Promise<{ token: string; expiresAt: number; deviceToken: string }> {
	const { db, clock } = deps;
	const key = username.trim().toLowerCase();
	const user = db
		.prepare(
			'SELECT id, email, password_hash, civility, last_name, activated_at FROM users WHERE username_key = ?'
		)
		.get(key) as UserRow | undefined;
	const attempt: Attempt = {
		accountKey: key,
		ip: origin.ip,
		device: trustedDeviceKey(db, origin.deviceToken, user?.id, clock.now())
	};
	const wait = retryAfterMs(db, attempt, clock.now());
	if (wait > 0) throw throttled(wait);
	const ok = user
		? await verifyPassword(user.password_hash, password)
		: await verifyAgainstDummy(password);
	const now = clock.now();
	if (!user || !ok) {
		recordFailure(db, attempt, now);
		throw new ApiError(401, 'invalid_credentials', INVALID_CREDENTIALS);
	}
	clearFailures(db, attempt);
	if (!user.activated_at) throw new ApiError(403, 'not_activated', NOT_ACTIVATED);
	return db.transaction(() => {
		db.prepare(
			'UPDATE users SET previous_login_at = last_login_at, last_login_at = ? WHERE id = ?'
		).run(new Date(now).toISOString(), user.id);
		const { token, session } = createSession(db, user.id, now);
		const deviceToken = trustDevice(db, origin.deviceToken, user.id, now);
		return { token, expiresAt: session.expiresAt, deviceToken };
	})();
}

/** Mails a reset link when a parent account has this e-mail; does nothing visible otherwise. */
export function requestPasswordReset(deps: AppDeps, email: string) {
	const { db, clock } = deps;
	const user = db
		.prepare(
			"SELECT id, email, civility, last_name FROM users WHERE email_key = ? AND role = 'parent'"
		)
		.get(email.toLowerCase()) as
		Pick<UserRow, 'id' | 'email' | 'civility' | 'last_name'> | undefined;
	if (!user) return;
	const now = clock.now();
	db.transaction(() => {
		const token = issueToken(db, user.id, 'password_reset', now);
		const link = `${deps.config.publicUrl}/reinitialiser/${token}`;
		enqueueMail(
			db,
			passwordResetMail(user.email, { civility: user.civility, lastName: user.last_name }, link),
			now
		);
	})();
	deps.kickOutbox();
}

function setPassword(deps: AppDeps, userId: string, hash: string, keepSession: string | null) {
	const { db, clock } = deps;
	const now = clock.now();
	db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(
		hash,
		new Date(now).toISOString(),
		userId
	);
	invalidateOtherSessions(db, userId, keepSession);
	voidTokens(db, userId, 'email_change', now); // the owner taking the account back cancels it
	const u = db
		.prepare('SELECT email, civility, last_name FROM users WHERE id = ?')
		.get(userId) as UserRow;
	enqueueMail(
		db,
		passwordChangedMail(
			u.email,
			{ civility: u.civility, lastName: u.last_name },
			frenchDateTime(now)
		),
		now
	);
}

/** What zxcvbn should know about the user: names, username, e-mail. */
function userInputs(deps: AppDeps, userId: string | undefined): string[] {
	if (!userId) return [];
	const row = deps.db
		.prepare(
			'SELECT username, last_name, birth_name, first_names, email, birth_date FROM users WHERE id = ?'
		)
		.get(userId) as Record<string, string | null> | undefined;
	if (!row) return [];
	return personalInputs({
		username: row.username ?? undefined,
		lastName: row.last_name ?? undefined,
		birthName: row.birth_name,
		firstNames: row.first_names ?? undefined,
		email: row.email ?? undefined,
		birthDate: row.birth_date
	});
}

/** A reset link proves the mailbox: it also activates a not-yet-active account. */
export async function confirmPasswordReset(deps: AppDeps, token: string, password: string) {
	const { db, clock } = deps;
	// An unusable link is answered before any work on the password; it is consumed only once
	// the password is accepted.
	const owner = checkToken(db, token, 'password_reset', clock.now());
	await assertStrongPassword(password, userInputs(deps, owner));
	const hash = await hashPassword(password);
	db.transaction(() => {
		const userId = consumeToken(db, token, 'password_reset', clock.now());
		setPassword(deps, userId, hash, null);
		db.prepare('UPDATE users SET activated_at = COALESCE(activated_at, ?) WHERE id = ?').run(
			new Date(clock.now()).toISOString(),
			userId
		);
	})();
	deps.kickOutbox();
}

/** Checks the signed-in user's current password; wrong guesses are capped per account. */
export async function verifyCurrentPassword(deps: AppDeps, userId: string, password: string) {
	const { db, clock } = deps;
	assertUnderLimit(db, LIMITS.reauthFailures, userId, clock.now());
	const row = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as {
		password_hash: string;
	};
	if (!(await verifyPassword(row.password_hash, password))) {
		countEvent(db, LIMITS.reauthFailures, userId, clock.now());
		const message = 'Le mot de passe actuel est incorrect.';
		throw new ApiError(400, 'validation', message, { currentPassword: message });
	}
}

export async function changePassword(
	deps: AppDeps,
	user: SessionUser,
	sessionId: string,
	currentPassword: string,
	password: string
) {
	await verifyCurrentPassword(deps, user.id, currentPassword);
	if (currentPassword === password) {
		const message = 'Le nouveau mot de passe doit être différent de l’actuel.';
		throw new ApiError(400, 'validation', message, { password: message });
	}
	await assertStrongPassword(password, userInputs(deps, user.id), {
		similarTo: [currentPassword]
	});
	const hash = await hashPassword(password);
	deps.db.transaction(() => setPassword(deps, user.id, hash, sessionId))();
	deps.kickOutbox();
}
