// A request's history and the desk's event log: one `request_events` row per submission, agent's
// action or family answer, written inside the transaction of the change it records. Its id orders
// the desk's live feed (server-sent events resume from it) and the webhook deliveries.
import type { Db } from '../db';

export interface RequestChange {
	requestId: string;
	number: number;
	/** 'submit', an agent's action ('take', 'ask-pieces', …) or the family's 'pieces-sent'. */
	action: string;
	/** The status after the change. */
	status: string;
	/** The agent, or null for the family (through its device's sync). */
	actorId: string | null;
	/** Shown in the history: the agent's name, or « Famille ». */
	actorName: string;
	comment?: string | null;
	message?: string | null;
	reason?: string | null;
}

/** Records the change; returns the event's id. Call it inside the change's transaction. */
export function recordRequestEvent(db: Db, change: RequestChange, now: number): number {
	const info = db
		.prepare(
			`INSERT INTO request_events (request_id, number, action, status, actor_id, actor_name, comment, message, reason, at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		)
		.run(
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
	return Number(info.lastInsertRowid);
}
