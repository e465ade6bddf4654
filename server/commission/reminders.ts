// Before each planned session (reminder_days before its date, Europe/Paris), every family with a
// pre-registration still waiting is asked to confirm or update its situation: one `svc:message`
// per waiting request (read offline in Mes actualités, linked to the request) and one mail per
// household. The messages, the mails (outbox rows) and the session's reminded_at are written in one
// transaction: the reminder goes exactly once, restarts included; a server down on the day sends
// it when it is back (until the session's date).
import { parseDocId } from '../../src/lib/domain/documents';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { WAITING_REQUEST_STATUSES } from '../../src/lib/domain/request-status';
import type { Clock } from '../clock';
import { parisDayAndHour } from '../desk/digest';
import { referentOf } from '../desk/request-file';
import { sendFamilyMessage } from '../family/messages';
import type { AppDeps } from '../http/env';
import { enqueueMail } from '../mail/outbox';
import { commissionReminderMail } from '../mail/templates';

/** YYYY-MM-DD plus `days` (calendar arithmetic, no time zone). */
export function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export const reminderTitle = (date: string) =>
	`Commission du ${frenchLongDay(date)} : confirmez votre situation`;

export function reminderBody(date: string, number: number, link: string): string {
	return [
		`La commission d’attribution des places se réunit le ${frenchLongDay(date)}. Elle examinera votre demande n° ${number} si elle est complète.`,
		`Avant cette date, confirmez ou mettez à jour votre situation (activité professionnelle, domicile) avec « Confirmer ma situation » sur la page de votre demande : ${link}`,
		'Vous pouvez le faire même sans connexion : votre réponse sera envoyée au retour du réseau. Sans confirmation, votre dossier est tout de même examiné, mais il est signalé à la commission comme non confirmé.'
	].join('\n\n');
}

interface DueSession {
	id: string;
	date: string;
	reminder_days: number;
}

interface WaitingRequest {
	id: string;
	number: number;
	household_id: string;
	doc_id: string;
}

/** Sends the reminders due at `now`; returns how many sessions were reminded. */
export function runCommissionReminders(deps: AppDeps, now: number): number {
	const { db } = deps;
	const today = parisDayAndHour(now).day;
	const due = (
		db
			.prepare(
				`SELECT id, date, reminder_days FROM commission_sessions
				 WHERE state = 'planned' AND reminded_at IS NULL AND date >= ? ORDER BY date`
			)
			.all(today) as DueSession[]
	).filter((s) => addDays(s.date, -s.reminder_days) <= today);
	let reminded = 0;
	for (const session of due) {
		const sent = db.transaction(() => {
			// Claimed first: a second run (another tick, a restart) finds it reminded.
			const claimed = db
				.prepare(
					'UPDATE commission_sessions SET reminded_at = ?, updated_at = ? WHERE id = ? AND reminded_at IS NULL'
				)
				.run(now, now, session.id).changes;
			if (claimed !== 1) return false;
			remindFamilies(deps, session, now);
			return true;
		})();
		if (sent) reminded++;
	}
	if (reminded) deps.kickOutbox();
	return reminded;
}

function remindFamilies(deps: AppDeps, session: DueSession, now: number): void {
	const { db, config } = deps;
	const statuses = WAITING_REQUEST_STATUSES;
	const requests = db
		.prepare(
			`SELECT id, number, household_id, doc_id FROM requests
			 WHERE type = 'preinscription' AND status IN (${statuses.map(() => '?').join(', ')})
			 ORDER BY household_id, number`
		)
		.all(...statuses) as WaitingRequest[];
	const byHousehold = new Map<string, { number: number; link: string }[]>();
	for (const r of requests) {
		const path = `/espace/demandes/${parseDocId(r.doc_id)?.uuid ?? ''}`;
		const message = sendFamilyMessage(deps, r.household_id, {
			title: reminderTitle(session.date),
			body: reminderBody(session.date, r.number, path),
			subjectId: r.doc_id
		});
		if (!message.ok) throw new Error(`commission reminder refused: ${message.reason}`);
		const list = byHousehold.get(r.household_id) ?? [];
		list.push({ number: r.number, link: `${config.publicUrl}${path}` });
		byHousehold.set(r.household_id, list);
	}
	for (const [householdId, list] of byHousehold) {
		const referent = referentOf(db, householdId);
		if (!referent) continue;
		enqueueMail(
			db,
			commissionReminderMail(
				referent.email,
				{ civility: referent.civility, lastName: referent.last_name },
				{ sessionDate: frenchLongDay(session.date), requests: list }
			),
			now
		);
	}
}

export interface CommissionRemindersJob {
	/** Runs the check now (the timer calls it every minute). */
	tick(): number;
	stop(): void;
}

/** Checks at start and then once a minute, by the clock, whether a session's reminder is due. */
export function startCommissionReminders(
	deps: AppDeps,
	clock: Clock,
	{ intervalMs = 60_000 }: { intervalMs?: number } = {}
): CommissionRemindersJob {
	const tick = () => runCommissionReminders(deps, clock.now());
	const safeTick = () => {
		try {
			tick();
		} catch (error) {
			console.error('[commission] reminders failed', error);
		}
	};
	safeTick();
	const timer = setInterval(safeTick, intervalMs);
	timer.unref();
	return { tick, stop: () => clearInterval(timer) };
}
