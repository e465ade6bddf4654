// Where the family's answer to « Pièces demandées » stands, for one request (the detail page's
// block): what the service asks, the draft being prepared, the reply waiting to be sent, sent, or
// refused by the sync. Pure functions over what the document services return.
import { REQUEST_STATUS } from '$domain/request-status';
import type { DeniedDoc } from '$sync/pending';
import type { ReplyDocument } from './reply.service';
import type { RequestStatusDoc } from './service-docs.service';

export interface PiecesAsked {
	/** What the service asks for, in its words (null if it gave none). */
	message: string | null;
	/** When it asked (the history entry's `at`): a reply answers this request for pieces. */
	askedAt: string;
}

/** What the service asks while the status is « Pièces demandées »; null otherwise. */
export function piecesAsked(status: RequestStatusDoc | null): PiecesAsked | null {
	if (!status || status.status !== REQUEST_STATUS.piecesRequested) return null;
	const entry = [...status.history]
		.reverse()
		.find((h) => h.status === REQUEST_STATUS.piecesRequested);
	const message = status.piecesRequested?.trim() || entry?.message?.trim() || null;
	return { message, askedAt: entry?.at ?? '' };
}

export type ReplyStage =
	/** Nothing asked, nothing sent. */
	| { kind: 'none' }
	/** The service asks for pieces: the draft being prepared, or a sent one the sync refused. */
	| { kind: 'asked'; asked: PiecesAsked; draft: ReplyDocument | null; refusal: string | null }
	/** Submitted on this device, not sent yet (offline): « En attente d’envoi ». */
	| { kind: 'waiting'; reply: ReplyDocument }
	/** The service has it (its status « Pièces reçues » follows, or has arrived). */
	| { kind: 'sent'; reply: ReplyDocument }
	/** Sent after the service stopped waiting: the sync refused it with this reason. */
	| { kind: 'refused'; reply: ReplyDocument; reason: string };

export interface ReplySources {
	requestId: string;
	status: RequestStatusDoc | null;
	replies: readonly ReplyDocument[];
	denied: readonly DeniedDoc[];
	/** Ids of local changes not pushed yet (syncManager.pendingIds). */
	pendingIds: readonly string[];
}

const newestFirst = (a: ReplyDocument, b: ReplyDocument) =>
	String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? ''));

export function replyStage(s: ReplySources): ReplyStage {
	const mine = s.replies.filter((r) => r.requestId === s.requestId).sort(newestFirst);
	const refusalOf = (r: ReplyDocument) => s.denied.find((d) => d.id === r._id)?.reason ?? null;
	const asked = piecesAsked(s.status);
	if (asked) {
		const current = mine.filter((r) => (r.askedAt ?? '') === asked.askedAt);
		const sent = current.find((r) => r.state === 'submitted');
		if (sent) {
			const refusal = refusalOf(sent);
			if (refusal) return { kind: 'asked', asked, draft: sent, refusal };
			return s.pendingIds.includes(sent._id)
				? { kind: 'waiting', reply: sent }
				: { kind: 'sent', reply: sent };
		}
		return { kind: 'asked', asked, draft: current[0] ?? null, refusal: null };
	}
	const last = mine.find((r) => r.state === 'submitted');
	if (!last) return { kind: 'none' };
	const reason = refusalOf(last);
	if (reason) return { kind: 'refused', reply: last, reason };
	if (s.pendingIds.includes(last._id)) return { kind: 'waiting', reply: last };
	return s.status?.status === REQUEST_STATUS.piecesReceived
		? { kind: 'sent', reply: last }
		: { kind: 'none' };
}
