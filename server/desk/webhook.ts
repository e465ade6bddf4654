// The optional signed webhook (WEBHOOK_URL, WEBHOOK_SECRET): one POST per request event, its JSON
// body signed with HMAC-SHA256 (X-Signature: sha256=<hex>), delivered at least once through the
// outbox, in order per request (the outbox's ordering key), with a delivery log for admins.
import { createHmac } from 'node:crypto';
import type { Db } from '../db';
import type { Dispatcher } from '../mail/dispatch';
import type { WebhookCall } from '../mail/outbox';

export type WebhookEventType = 'request.submitted' | 'request.status_changed';

export interface WebhookEvent {
	eventId: number;
	action: string;
	number: number;
	status: string;
	requestType: string;
	at: number;
}

/** The exact body sent: fixed when the event is recorded, so every retry carries the same bytes. */
export function webhookCall(e: WebhookEvent): WebhookCall {
	const type: WebhookEventType =
		e.action === 'submit' ? 'request.submitted' : 'request.status_changed';
	const body = JSON.stringify({
		id: String(e.eventId),
		type,
		number: e.number,
		status: e.status,
		requestType: e.requestType,
		occurredAt: new Date(e.at).toISOString()
	});
	return { eventId: e.eventId, number: e.number, type, body };
}

export function webhookSignature(secret: string, body: string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** 10 s, 20 s, 40 s… capped at 15 min: the receiver gets every event once it is back. */
export function webhookRetryDelayMs(attempts: number): number {
	return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 900_000);
}

function failure(error: unknown, timeoutMs: number): Error {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
		return new Error(
			`Pas de réponse du destinataire en ${(timeoutMs / 1000).toLocaleString('fr-FR')} s.`
		);
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : '');
	return new Error(`Le destinataire est injoignable${detail ? ` (${detail})` : ''}.`);
}

export function webhookDispatcher({
	url,
	secret,
	timeoutMs = 10_000
}: {
	url: string;
	secret: string;
	timeoutMs?: number;
}): Dispatcher {
	return {
		kind: 'webhook',
		async deliver(row) {
			const { webhook } = JSON.parse(row.payload) as { webhook: WebhookCall };
			let res: Response;
			try {
				res = await fetch(url, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						'X-Signature': webhookSignature(secret, webhook.body),
						'X-Event-Id': String(webhook.eventId)
					},
					body: webhook.body,
					redirect: 'manual',
					signal: AbortSignal.timeout(timeoutMs)
				});
			} catch (error) {
				throw failure(error, timeoutMs);
			}
			await res.body?.cancel().catch(() => {});
			if (res.status < 200 || res.status > 299)
				throw new Error(`Le destinataire a répondu ${res.status} ${res.statusText}`.trim() + '.');
		},
		retryDelayMs: webhookRetryDelayMs
	};
}

export interface WebhookDelivery {
	id: number;
	eventId: number;
	number: number;
	type: WebhookEventType;
	attempts: number;
	status: 'pending' | 'delivered' | 'failing';
	lastError: string | null;
	lastAttemptAt: string | null;
	deliveredAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The most recent deliveries first (the admins' log). */
export function webhookDeliveries(db: Db, limit = 200): WebhookDelivery[] {
	const rows = db
		.prepare(
			`SELECT id, payload, attempts, sent_at, last_error, last_attempt_at FROM outbox
			 WHERE kind = 'webhook' ORDER BY id DESC LIMIT ?`
		)
		.all(limit) as {
		id: number;
		payload: string;
		attempts: number;
		sent_at: number | null;
		last_error: string | null;
		last_attempt_at: number | null;
	}[];
	return rows.map((r) => {
		const { webhook } = JSON.parse(r.payload) as { webhook: WebhookCall };
		return {
			id: r.id,
			eventId: webhook.eventId,
			number: webhook.number,
			type: webhook.type as WebhookEventType,
			attempts: r.attempts,
			status: r.sent_at !== null ? 'delivered' : r.attempts > 0 ? 'failing' : 'pending',
			lastError: r.last_error,
			lastAttemptAt: iso(r.last_attempt_at),
			deliveredAt: iso(r.sent_at)
		};
	});
}
