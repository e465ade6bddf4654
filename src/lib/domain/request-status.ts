// The statuses of a numbered request (préinscription, déclaration d'entourage), one list for the
// projector, the SQL CHECK of `requests.status` (migrations 003/005) and the UI.
// The stored value (SQL column and `svc:status` document) is the French label the guide shows
// ("Déposée"); code names a status by its id: `REQUEST_STATUS.submitted`.
// The commission's outcomes (place proposée, liste d'attente, refus — reference/commission.md)
// will be added here with migration 008 when the commission exists.

export const REQUEST_STATUS = {
	submitted: 'Déposée',
	inProgress: 'En cours de traitement',
	accepted: 'Acceptée',
	refused: 'Refusée',
	cancelled: 'Annulée'
} as const;

export type RequestStatusId = keyof typeof REQUEST_STATUS;
export type RequestStatus = (typeof REQUEST_STATUS)[RequestStatusId];

/** Every status, in the order a request goes through them. */
export const REQUEST_STATUSES = Object.values(REQUEST_STATUS) as RequestStatus[];

/** The status of a request the service has just received. */
export const INITIAL_REQUEST_STATUS: RequestStatus = REQUEST_STATUS.submitted;

/** Statuses after which nothing changes any more. */
export const FINAL_REQUEST_STATUSES: readonly RequestStatus[] = [
	REQUEST_STATUS.accepted,
	REQUEST_STATUS.refused,
	REQUEST_STATUS.cancelled
];

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
