// A request's history and the desk's event log: one `request_events` row per submission, agent's
// action or family answer, written inside the transaction of the change it records. Its id orders
// the desk's live feed (server-sent events resume from it) and the webhook deliveries.
// Recording an event also notifies: the webhook (when configured), the service's mail for a new
// request (or the daily digest's queue), and, after commit, the live feed.
import { cachedStatement } from '../db/statement-cache';
import { REQUEST_TYPE_LABELS } from '../../src/lib/domain/request-status';
import type { RequestChange } from '../../sync/server/host';
import type { Db } from '../db';
import { enqueue, enqueueMail } from '../mail/outbox';
import { newRequestServiceMail } from '../mail/templates';
import { wakeAfterCommit } from './event-bus';
import { deskRequestsUrl, notificationsOf, serviceMailMode } from './notify-settings';
import { webhookCall } from './webhook';

export type { RequestChange };

/** Records the change; returns the event's id. Call it inside the change's transaction. */
export function recordRequestEvent(db: Db, change: RequestChange, now: number): number {
	const info = cachedStatement(
		db,
		`INSERT INTO request_events (request_id, number, action, status, actor_id, actor_name, comment, message, reason, at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		change.requestId,
		change.number,
		change.action,
		change.status,
		change.actorId,
		change.actorName,
		change.comment ?? null,
		change.message ?? null,
		change.reason ?? null,
		now
	);
	const eventId = Number(info.lastInsertRowid);
	notify(db, eventId, change, now);
	wakeAfterCommit(db);
	return eventId;
}

/** The family's name for the service's mails: its reference account's. */
export function familyName(db: Db, householdId: string): string | null {
	const parent = db
		.prepare(
			"SELECT last_name FROM users WHERE household_id = ? AND role = 'parent' ORDER BY created_at LIMIT 1"
		)
		.get(householdId) as { last_name: string } | undefined;
	return parent ? `famille ${parent.last_name.toUpperCase()}` : null;
}

export const requestTypeLabel = (type: string) =>
	REQUEST_TYPE_LABELS[type as keyof typeof REQUEST_TYPE_LABELS] ?? type;

function notify(db: Db, eventId: number, change: RequestChange, now: number) {
	const config = notificationsOf(db);
	if (!config) return;
	const request = cachedStatement(db, 'SELECT type, household_id FROM requests WHERE id = ?').get(
		change.requestId
	) as { type: string; household_id: string } | undefined;
	if (!request) return;
	if (config.webhookUrl)
		enqueue(
			db,
			{
				kind: 'webhook',
				webhook: webhookCall({
					eventId,
					action: change.action,
					number: change.number,
					status: change.status,
					requestType: request.type,
					at: now
				})
			},
			now,
			`request:${change.requestId}`
		);
	if (change.action !== 'submit') return;
	if (serviceMailMode(db) === 'digest') {
		db.prepare('INSERT INTO digest_queue (event_id) VALUES (?)').run(eventId);
		return;
	}
	enqueueMail(
		db,
		newRequestServiceMail(
			config.serviceEmail,
			{
				number: change.number,
				typeLabel: requestTypeLabel(request.type),
				at: now,
				family: familyName(db, request.household_id)
			},
			deskRequestsUrl(config)
		),
		now
	);
}
