// The transactional outbox: callers write a row inside their own transaction; the worker
// (worker.ts) hands it to the dispatcher of its kind later, with retries. Nothing is sent inside a
// request.
import { cachedStatement } from '../db/statement-cache';
import type { Db } from '../db';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string;
}

/** A signed webhook call about one request event (server/desk/webhook.ts). */
export interface WebhookCall {
	eventId: number;
	number: number;
	type: string;
	/** The exact JSON body sent (and signed), fixed when the event is recorded. */
	body: string;
}

export type OutboxMessage =
	{ kind: 'mail'; mail: OutgoingMail } | { kind: 'webhook'; webhook: WebhookCall };

/**
 * Adds a message to the outbox. Call it inside the transaction of the change that causes it.
 * Messages of one kind with the same `orderingKey` are delivered in the order they were queued.
 */
export function enqueue(
	db: Db,
	message: OutboxMessage,
	now: number,
	orderingKey: string | null = null
): number {
	const { kind, ...payload } = message;
	const info = cachedStatement(
		db,
		'INSERT INTO outbox (kind, payload, created_at, next_attempt_at, ordering_key) VALUES (?, ?, ?, ?, ?)'
	).run(kind, JSON.stringify(payload), now, now, orderingKey);
	return Number(info.lastInsertRowid);
}

export function enqueueMail(db: Db, mail: OutgoingMail, now: number): number {
	return enqueue(db, { kind: 'mail', mail }, now);
}

export interface OutboxRow {
	id: number;
	kind: string;
	payload: string;
	attempts: number;
}

/**
 * The rows of `kind` due now, oldest first, leaving out any row whose ordering key has an earlier
 * row of the same kind still unsent (it goes once that one is delivered).
 */
export function dueMessages(db: Db, now: number, kind: string, limit = 20): OutboxRow[] {
	return db
		.prepare(
			`SELECT id, kind, payload, attempts FROM outbox o
			 WHERE sent_at IS NULL AND next_attempt_at <= ? AND kind = ?
			   AND (ordering_key IS NULL OR NOT EXISTS (
			     SELECT 1 FROM outbox e WHERE e.kind = o.kind AND e.ordering_key = o.ordering_key
			       AND e.sent_at IS NULL AND e.id < o.id))
			 ORDER BY id LIMIT ?`
		)
		.all(now, kind, limit) as OutboxRow[];
}

/** The rows due now whose kind has no dispatcher (they stay pending, with a clear last_error). */
export function dueOfUnknownKinds(db: Db, now: number, known: string[], limit = 20): OutboxRow[] {
	return db
		.prepare(
			`SELECT id, kind, payload, attempts FROM outbox
			 WHERE sent_at IS NULL AND next_attempt_at <= ?
			   AND kind NOT IN (SELECT value FROM json_each(?))
			 ORDER BY id LIMIT ?`
		)
		.all(now, JSON.stringify(known), limit) as OutboxRow[];
}

export function markSent(db: Db, id: number, now: number) {
	db.prepare(
		'UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL, last_attempt_at = ? WHERE id = ?'
	).run(now, now, id);
}

/** Exponential backoff: 30 s, 1 min, 2 min… capped at 1 h; a message is never dropped. */
export function retryDelayMs(attempts: number): number {
	return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function markFailed(
	db: Db,
	id: number,
	attempts: number,
	error: string,
	now: number,
	delayMs = retryDelayMs(attempts)
) {
	db.prepare(
		'UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, last_attempt_at = ? WHERE id = ?'
	).run(attempts, error.slice(0, 500), now + delayMs, now, id);
}
