// Changing a user's e-mail address: asked with the current password, effective only when the
// new address opens the link mailed to it; the old address is told at once.
import type { Db } from '../db';
import type { AppDeps, SessionUser } from '../http/env';
import { ApiError } from '../http/errors';
import { enqueueMail } from '../mail/outbox';
import { emailChangeConfirmMail, emailChangeNoticeMail } from '../mail/templates';
import { frenchDateTime } from '../../src/lib/domain/french-date';
import { verifyCurrentPassword } from './credentials';
import { consumeLimit, LIMITS } from './rate-limit';
import { consumeTokenRow, issueToken } from './user-tokens';

const SAME = 'C’est déjà votre courriel : saisissez la nouvelle adresse.';
const TAKEN = 'Ce courriel est déjà celui d’un autre espace.';

export const emailChangeLink = (deps: AppDeps, token: string) =>
	`${deps.config.publicUrl}/confirmer-courriel/${token}`;

/** The address waiting for confirmation, if a change was asked and its link is still valid. */
export function pendingEmail(db: Db, userId: string, now: number): string | null {
	const row = db
		.prepare(
			`SELECT new_email FROM user_tokens WHERE user_id = ? AND purpose = 'email_change'
			 AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1`
		)
		.get(userId, now) as { new_email: string } | undefined;
	return row?.new_email ?? null;
}

function assertFree(db: Db, userId: string, role: SessionUser['role'], email: string) {
	if (role !== 'parent') return; // staff may share a service mailbox
	const clash = db
		.prepare("SELECT 1 FROM users WHERE email_key = ? AND role = 'parent' AND id <> ?")
		.get(email.toLowerCase(), userId);
	if (clash) throw new ApiError(409, 'email_taken', TAKEN, { email: TAKEN });
}

export async function requestEmailChange(
	deps: AppDeps,
	user: SessionUser,
	currentPassword: string,
	email: string
): Promise<{ pendingEmail: string }> {
	const { db, clock } = deps;
	await verifyCurrentPassword(deps, user.id, currentPassword);
	const row = db
		.prepare('SELECT email, civility, last_name FROM users WHERE id = ?')
		.get(user.id) as { email: string; civility: string | null; last_name: string };
	if (row.email.toLowerCase() === email.toLowerCase())
		throw new ApiError(400, 'validation', SAME, { email: SAME });
	assertFree(db, user.id, user.role, email);
	const now = clock.now();
	db.transaction(() => {
		consumeLimit(db, LIMITS.emailChange, user.id, now);
		const token = issueToken(db, user.id, 'email_change', now, email);
		const person = { civility: row.civility, lastName: row.last_name };
		enqueueMail(db, emailChangeConfirmMail(email, person, emailChangeLink(deps, token)), now);
		enqueueMail(db, emailChangeNoticeMail(row.email, person, email, frenchDateTime(now)), now);
	})();
	deps.kickOutbox();
	return { pendingEmail: email };
}

/** Opened from the link mailed to the new address: no session needed, the link is the proof. */
export function confirmEmailChange(deps: AppDeps, token: string): { email: string } {
	const { db, clock } = deps;
	return db.transaction(() => {
		const { userId, newEmail } = consumeTokenRow(db, token, 'email_change', clock.now());
		const { role } = db.prepare('SELECT role FROM users WHERE id = ?').get(userId) as {
			role: SessionUser['role'];
		};
		assertFree(db, userId, role, newEmail!);
		db.prepare('UPDATE users SET email = ?, email_key = ?, updated_at = ? WHERE id = ?').run(
			newEmail,
			newEmail!.toLowerCase(),
			new Date(clock.now()).toISOString(),
			userId
		);
		return { email: newEmail! };
	})();
}
