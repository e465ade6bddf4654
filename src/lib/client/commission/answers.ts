// The family's side of a commission decision, on the request page: the offer's deadline as the
// parent reads it, the `offer-answer` and `confirmation` documents built from the screen, and
// where each stands (on the device only, sent, refused by the server with its reason).
// Pure functions over what the document services return.
import { OFFER_GRACE_HOURS } from '$domain/commission';
import type { OfferAnswer } from '$domain/documents';
import { frenchLongDateTime, frenchLongDay } from '$domain/french-date';
import { todayInParis } from '$domain/validation';
import type { DeniedDoc } from '$sync/pending';
import type { ConfirmationDocument, OfferAnswerDoc } from '../documents/offer-answer.service';

export type { ConfirmationDocument, OfferAnswerDoc };

/** The place offered, as the service's `svc:status` carries it. */
export interface OfferInfo {
	offerId: string;
	structureId: string;
	structureName: string;
	ageGroup: string;
	startDate: string;
	/** ISO timestamp (server clock). */
	deadline: string;
}

/** Said next to the answer buttons while the device is offline. */
export const OFFLINE_ANSWER_NOTICE = `Vous êtes hors ligne : votre réponse sera envoyée dès le retour du réseau. Elle compte si vous l’avez donnée avant la date limite et qu’elle nous parvient au plus tard ${OFFER_GRACE_HOURS} heures après.`;

const DAY = 86_400_000;

export interface DeadlineWording {
	/** « Répondez avant le 30 mars 2027 à 23:59. », or that the deadline has passed. */
	text: string;
	/** « Il vous reste 10 jours. », « C’est le dernier jour pour répondre. »; '' once passed. */
	left: string;
	passed: boolean;
}

/** How the offer's deadline reads at `now` (Paris wall-clock time). */
export function deadlineWording(deadline: string, now: Date = new Date()): DeadlineWording {
	const at = frenchLongDateTime(deadline);
	if (now.getTime() > Date.parse(deadline))
		return {
			text: `Le délai pour répondre à cette proposition est dépassé (${at}).`,
			left: '',
			passed: true
		};
	const lastDay = todayInParis(new Date(deadline));
	const today = todayInParis(now);
	const days = Math.round(
		(Date.parse(`${lastDay}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / DAY
	);
	const left =
		days <= 0
			? 'C’est le dernier jour pour répondre.'
			: `Il vous reste ${days} jour${days > 1 ? 's' : ''}.`;
	return { text: `Répondez avant le ${at}.`, left, passed: false };
}

/** « 1er avril 2027 »: the start date of a place or contract. */
export const startLabel = (day: string) => frenchLongDay(day);

const trimmed = (s: string | undefined) => s?.trim() ?? '';

/** The fields of the family's answer to `offer`, stamped with the device's clock. */
export function offerAnswerFields(
	requestId: string,
	offer: Pick<OfferInfo, 'offerId'>,
	answer: OfferAnswer,
	reason: string | undefined,
	now: Date = new Date()
): Record<string, unknown> {
	const fields: Record<string, unknown> = {
		requestId,
		offerId: offer.offerId,
		answer,
		answeredAt: now.toISOString()
	};
	if (answer === 'decline' && trimmed(reason)) fields.reason = trimmed(reason);
	return fields;
}

export interface Questionnaire {
	residentInArea: boolean;
	professionalSituation: string[];
}

/** The fields of the family's confirmation of its situation for `sessionId`. */
export function confirmationFields(
	requestId: string,
	sessionId: string,
	questionnaire: Questionnaire,
	comment: string | undefined,
	now: Date = new Date()
): Record<string, unknown> {
	const fields: Record<string, unknown> = {
		requestId,
		sessionId,
		questionnaire: {
			residentInArea: questionnaire.residentInArea,
			professionalSituation: [...questionnaire.professionalSituation]
		},
		confirmedAt: now.toISOString()
	};
	if (trimmed(comment)) fields.comment = trimmed(comment);
	return fields;
}

interface SyncState {
	denied: readonly DeniedDoc[];
	/** Ids of local changes not pushed yet (syncManager.pendingIds). */
	pendingIds: readonly string[];
}

const newestFirst = (a: { updatedAt?: unknown }, b: { updatedAt?: unknown }) =>
	String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? ''));

function stageOf<T extends { _id: string; state?: unknown; updatedAt?: unknown }>(
	docs: T[],
	s: SyncState
): { kind: 'open'; refusal: string | null } | { kind: 'waiting' | 'done'; doc: T } {
	const last = docs.filter((d) => d.state === 'submitted').sort(newestFirst)[0];
	if (!last) return { kind: 'open', refusal: null };
	const refusal = s.denied.find((d) => d.id === last._id)?.reason;
	if (refusal) return { kind: 'open', refusal };
	return { kind: s.pendingIds.includes(last._id) ? 'waiting' : 'done', doc: last };
}

export type AnswerStage =
	/** Not answered yet, or the last answer was refused by the server (its reason). */
	| { kind: 'open'; refusal: string | null }
	/** On this device only: « En attente d’envoi ». */
	| { kind: 'waiting'; answer: OfferAnswerDoc }
	/** The service has it; its decision follows in the request's status. */
	| { kind: 'sent'; answer: OfferAnswerDoc };

/** Where the family's answer to the offer `offerId` stands. */
export function answerStage(
	s: SyncState & { offerId: string; answers: readonly OfferAnswerDoc[] }
): AnswerStage {
	const st = stageOf(
		s.answers.filter((a) => a.offerId === s.offerId),
		s
	);
	if (st.kind === 'open') return st;
	return st.kind === 'waiting'
		? { kind: 'waiting', answer: st.doc }
		: { kind: 'sent', answer: st.doc };
}

export type ConfirmationStage =
	| { kind: 'open'; refusal: string | null }
	| { kind: 'waiting'; confirmation: ConfirmationDocument }
	| { kind: 'confirmed'; confirmation: ConfirmationDocument; at: string };

/** Where the family's confirmation for the session `sessionId` stands. */
export function confirmationStage(
	s: SyncState & {
		requestId: string;
		sessionId: string;
		confirmations: readonly ConfirmationDocument[];
	}
): ConfirmationStage {
	const st = stageOf(
		s.confirmations.filter((c) => c.requestId === s.requestId && c.sessionId === s.sessionId),
		s
	);
	if (st.kind === 'open') return st;
	if (st.kind === 'waiting') return { kind: 'waiting', confirmation: st.doc };
	const at = String(st.doc.confirmedAt ?? st.doc.submittedAt ?? st.doc.updatedAt ?? '');
	return { kind: 'confirmed', confirmation: st.doc, at };
}

/**
 * The questionnaire as the family last gave it, to prefill « Confirmer ma situation »: its newest
 * confirmation sent for this request, else the request's own answers.
 */
export function lastQuestionnaire(
	request: { _id: string; questionnaire?: unknown },
	confirmations: readonly ConfirmationDocument[]
): Partial<Questionnaire> {
	const sent = confirmations
		.filter((c) => c.requestId === request._id && c.state === 'submitted' && c.questionnaire)
		.sort(newestFirst)[0];
	const q = sent?.questionnaire ?? request.questionnaire;
	return q && typeof q === 'object' ? (q as Partial<Questionnaire>) : {};
}
