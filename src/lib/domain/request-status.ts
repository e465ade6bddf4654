// The statuses of a numbered request (préinscription, déclaration d'entourage) and the actions the
// service's agents take on it: one table for the projector, the SQL CHECK of `requests.status`
// (migration 007), the staff desk's API (409 when an action is not allowed) and the UI.
// The stored value (SQL column and `svc:status` document) is the French label the parent reads
// ("Déposée"); code names a status by its id: `REQUEST_STATUS.submitted`.
// The allocation commission's outcomes (reference/commission.md, issue 10): a complete request
// gets « Place proposée », « Liste d’attente » or « Refusée »; the family accepts (« Admis ») or
// declines (« Place déclinée ») the place offered; migration 014 allows them in SQL.

export const REQUEST_STATUS = {
	submitted: 'Déposée',
	inReview: 'En cours d’instruction',
	piecesRequested: 'Pièces demandées',
	piecesReceived: 'Pièces reçues',
	complete: 'Complète',
	refused: 'Refusée',
	closed: 'Classée sans suite',
	offered: 'Place proposée',
	waitlisted: 'Liste d’attente',
	admitted: 'Admis',
	declined: 'Place déclinée'
} as const;

export type RequestStatusId = keyof typeof REQUEST_STATUS;
export type RequestStatus = (typeof REQUEST_STATUS)[RequestStatusId];

/** Every status, in the order a request goes through them. */
export const REQUEST_STATUSES = Object.values(REQUEST_STATUS) as RequestStatus[];

/** The status of a request the service has just received. */
export const INITIAL_REQUEST_STATUS: RequestStatus = REQUEST_STATUS.submitted;

/** Statuses after which nothing changes any more. */
export const FINAL_REQUEST_STATUSES: readonly RequestStatus[] = [
	REQUEST_STATUS.refused,
	REQUEST_STATUS.closed,
	REQUEST_STATUS.admitted,
	REQUEST_STATUS.declined
];

/**
 * Statuses a commission session examines (with the wished entry date in its period): complete
 * files, and those already on a waiting list (the lists keep working from one session to the next).
 */
export const COMMISSION_ELIGIBLE_STATUSES: readonly RequestStatus[] = [
	REQUEST_STATUS.complete,
	REQUEST_STATUS.waitlisted
];

/** Statuses of a request still waiting for a place (the families asked to confirm before a session). */
export const WAITING_REQUEST_STATUSES: readonly RequestStatus[] = [
	REQUEST_STATUS.submitted,
	REQUEST_STATUS.inReview,
	REQUEST_STATUS.piecesRequested,
	REQUEST_STATUS.piecesReceived,
	REQUEST_STATUS.complete,
	REQUEST_STATUS.waitlisted
];

/** Statuses waiting for an agent (the inbox): new, or the family has answered. */
export const INBOX_REQUEST_STATUSES: readonly RequestStatus[] = [
	REQUEST_STATUS.submitted,
	REQUEST_STATUS.piecesReceived
];

/**
 * What changes a request's status. Agents' actions (`take` … `close`, the staff desk's API
 * names), the family's own (`pieces-sent`, when the parent sends the pieces asked for; `accept` /
 * `decline` a place offered) and the commission's (`offer`, `waitlist`, `expire`: an offer left
 * unanswered past its deadline). A session's refusal is `refuse`.
 */
export type RequestAction =
	| 'take'
	| 'ask-pieces'
	| 'complete'
	| 'refuse'
	| 'close'
	| 'pieces-sent'
	| 'offer'
	| 'waitlist'
	| 'accept'
	| 'decline'
	| 'expire';

export const AGENT_ACTIONS = ['take', 'ask-pieces', 'complete', 'refuse', 'close'] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

interface Transition {
	/** The button's label on the staff desk (and the history's wording). */
	label: string;
	from: readonly RequestStatus[];
	to: RequestStatus;
}

const S = REQUEST_STATUS;
const OPEN: readonly RequestStatus[] = [
	S.submitted,
	S.inReview,
	S.piecesRequested,
	S.piecesReceived,
	S.complete,
	S.waitlisted
];

/** The status transitions: from which statuses each action is allowed, and where it leads. */
export const TRANSITIONS: Record<RequestAction, Transition> = {
	take: { label: 'Prendre en charge', from: [S.submitted, S.piecesReceived], to: S.inReview },
	'ask-pieces': {
		label: 'Demander des pièces',
		from: [S.submitted, S.inReview, S.piecesReceived],
		to: S.piecesRequested
	},
	complete: {
		label: 'Marquer complète',
		from: [S.submitted, S.inReview, S.piecesReceived],
		to: S.complete
	},
	refuse: { label: 'Refuser', from: OPEN, to: S.refused },
	close: { label: 'Classer sans suite', from: OPEN, to: S.closed },
	'pieces-sent': { label: 'Pièces envoyées', from: [S.piecesRequested], to: S.piecesReceived },
	offer: { label: 'Proposer une place', from: [S.complete, S.waitlisted], to: S.offered },
	waitlist: {
		label: 'Inscrire en liste d’attente',
		from: [S.complete, S.waitlisted],
		to: S.waitlisted
	},
	accept: { label: 'Place acceptée', from: [S.offered], to: S.admitted },
	decline: { label: 'Place déclinée', from: [S.offered], to: S.declined },
	expire: { label: 'Délai de réponse dépassé', from: [S.offered], to: S.declined }
};

export function isAgentAction(value: unknown): value is AgentAction {
	return typeof value === 'string' && (AGENT_ACTIONS as readonly string[]).includes(value);
}

/** The actions an agent may take on a request in this status, in the desk's order. */
export function allowedActions(status: RequestStatus): AgentAction[] {
	return AGENT_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

/**
 * The status an action leads to from `status`, or the French reason it is not allowed (the API
 * answers 409 with it).
 */
export function nextStatus(
	status: RequestStatus,
	action: RequestAction
): { ok: true; status: RequestStatus } | { ok: false; reason: string } {
	const t = TRANSITIONS[action];
	if (t.from.includes(status)) return { ok: true, status: t.to };
	return {
		ok: false,
		reason: `Action « ${t.label} » impossible : la demande est « ${status} ».`
	};
}

/** Why a numbered request (or one on its way) can no longer be changed (SYNC_SPEC S-OWN-3). */
export const REQUEST_LOCKED =
	'Cette demande a déjà été transmise au service : elle ne peut plus être modifiée.';

/** What each kind of request is called, on screen and in the service's mail. */
export const REQUEST_TYPE_LABELS = {
	preinscription: 'Préinscription en crèche',
	entourage: 'Déclaration d’entourage'
} as const;

/** What the parent sees for a submitted document the server has not numbered yet (device-side). */
export const AWAITING_SEND_LABEL = 'En attente d’envoi';

export function isRequestStatus(value: unknown): value is RequestStatus {
	return typeof value === 'string' && (REQUEST_STATUSES as string[]).includes(value);
}
