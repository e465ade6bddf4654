// Creating and activating a parent's space ("JE CRÉE MON ESPACE").
import { randomUUID } from 'node:crypto';
import type { Register } from '../../src/lib/domain/account';
import type { AppDeps } from '../http/env';
import { ApiError } from '../http/errors';
import { enqueueMail } from '../mail/outbox';
import { activationMail } from '../mail/templates';
import { hashPassword } from './password';
import { identityAndAddressValues } from './profile';
import { consumeToken, issueToken } from './user-tokens';

const USERNAME_TAKEN = 'Cet identifiant est déjà utilisé : choisissez-en un autre.';
const EMAIL_TAKEN =
	'Un espace existe déjà avec ce courriel. Connectez-vous, ou utilisez « J’ai oublié mon mot de passe ».';

export const activationLink = (deps: AppDeps, token: string) =>
	`${deps.config.publicUrl}/activation/${token}`;

function assertAvailable(deps: AppDeps, usernameKey: string, emailKey: string) {
	const db = deps.db;
	if (db.prepare('SELECT 1 FROM users WHERE username_key = ?').get(usernameKey))
		throw new ApiError(409, 'username_taken', USERNAME_TAKEN, { username: USERNAME_TAKEN });
	if (db.prepare("SELECT 1 FROM users WHERE email_key = ? AND role = 'parent'").get(emailKey))
		throw new ApiError(409, 'email_taken', EMAIL_TAKEN, { email: EMAIL_TAKEN });
}

/** Creates the household, its reference parent (not yet active) and the activation mail, atomically. */
export async function registerParent(deps: AppDeps, input: Register): Promise<{ userId: string }> {
	const { db, clock } = deps;
	const usernameKey = input.username.toLowerCase();
	const emailKey = input.email.toLowerCase();
	assertAvailable(deps, usernameKey, emailKey);
	const passwordHash = await hashPassword(input.password);
	const now = clock.now();
	const iso = new Date(now).toISOString();
	const userId = randomUUID();
	const householdId = randomUUID();
	db.transaction(() => {
		assertAvailable(deps, usernameKey, emailKey); // again, inside the write lock
		db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(householdId, iso);
		db.prepare(
			`INSERT INTO users (id, username, username_key, email, email_key, password_hash, role, household_id,
				civility, last_name, birth_name, first_names, birth_date,
				address_number, address_street, address_building, address_apartment, address_complement,
				address_postal_code, address_city, phone, mobile, preferred_contact, cgu_accepted_at, created_at, updated_at)
			 VALUES (?, ?, ?, ?, ?, ?, 'parent', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			userId,
			input.username,
			usernameKey,
			input.email,
			emailKey,
			passwordHash,
			householdId,
			...identityAndAddressValues(input),
			input.phone ?? null,
			input.mobile ?? null,
			input.preferredContact ?? null,
			iso,
			iso,
			iso
		);
		const token = issueToken(db, userId, 'activation', now);
		enqueueMail(db, activationMail(input.email, input, activationLink(deps, token)), now);
	})();
	deps.kickOutbox();
	return { userId };
}

export function activate(deps: AppDeps, token: string) {
	const { db, clock } = deps;
	db.transaction(() => {
		const userId = consumeToken(db, token, 'activation', clock.now());
		db.prepare('UPDATE users SET activated_at = COALESCE(activated_at, ?) WHERE id = ?').run(
			new Date(clock.now()).toISOString(),
			userId
		);
	})();
}

/** Sends a fresh activation link when a not-yet-active parent account has this e-mail; silent otherwise. */
export function resendActivation(deps: AppDeps, email: string) {
	const { db, clock } = deps;
	const user = db
		.prepare(
			"SELECT id, email, civility, last_name FROM users WHERE email_key = ? AND role = 'parent' AND activated_at IS NULL"
		)
		.get(email.toLowerCase()) as
		{ id: string; email: string; civility: string | null; last_name: string } | undefined;
	if (!user) return;
	db.transaction(() => {
		const token = issueToken(db, user.id, 'activation', clock.now());
		enqueueMail(
			db,
			activationMail(
				user.email,
				{ civility: user.civility, lastName: user.last_name },
				activationLink(deps, token)
			),
			clock.now()
		);
	})();
	deps.kickOutbox();
}
