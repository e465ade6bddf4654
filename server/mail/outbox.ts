// The transactional outbox: callers write a row inside their own transaction; the worker
// (worker.ts) delivers it later with retries. Nothing is sent inside a request.
import type { Db } from '../db';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string;
}

export type OutboxMessage = { kind: 'mail'; mail: OutgoingMail };

/** Adds a message to the outbox. Call it inside the transaction of the change that causes it. */
export function enqueue(db: Db, message: OutboxMessage, now: number): number {
	const { kind, ...payload } = message;
	const info = db
		.prepare('INSERT INTO outbox (kind, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?)')
		.run(kind, JSON.stringify(payload), now, now);
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

export function dueMessages(db: Db, now: number, limit = 20): OutboxRow[] {
	return db
		.prepare(
			'SELECT id, kind, payload, attempts FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?'
		)
		.all(now, limit) as OutboxRow[];
}

export function markSent(db: Db, id: number, now: number) {
	db.prepare(
		'UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?'
	).run(now, id);
}

/** Exponential backoff: 30 s, 1 min, 2 min… capped at 1 h; a message is never dropped. */
export function retryDelayMs(attempts: number): number {
	return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function markFailed(db: Db, id: number, attempts: number, error: string, now: number) {
	db.prepare(
		'UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?'
	).run(attempts, error.slice(0, 500), now + retryDelayMs(attempts), id);
}
