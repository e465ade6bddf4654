// A family's confirmation of its situation before a session: a submitted `confirmation:<uuid>`
// document (src/lib/domain/documents.ts), projected once per household and document id into
// commission_confirmations (its questionnaire then replaces the request's for the score). Runs as
// the sync host's app projector, inside the write transaction: a confirmation the service cannot
// take is refused alone with its French reason (DocRefused) and nothing is written. Once recorded
// the document is locked like a submitted request (SYNC_SPEC S-OWN-6, sync/server/submitted-lock.ts).
import { DocRefused } from '../../sync/server/errors';
import type { AppProjector } from '../../sync/server/host';
import { WAITING_REQUEST_STATUSES, type RequestStatus } from '../../src/lib/domain/request-status';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import type { Db } from '../db';

export const CONFIRM_REQUEST_UNKNOWN =
	'Cette demande n’est pas connue du service pour votre espace : votre situation n’a pas été transmise.';
export const CONFIRM_NOT_WAITING =
	'Cette demande n’attend plus de place : il n’y a pas de situation à confirmer.';
export const CONFIRM_SESSION_UNKNOWN =
	'Cette commission n’existe pas ou a été supprimée : votre situation n’a pas été transmise.';
export const CONFIRM_SESSION_CLOSED =
	'Cette commission a déjà eu lieu : votre situation ne peut plus être confirmée pour elle.';
export const CONFIRM_ALREADY = 'Vous avez déjà confirmé votre situation pour cette commission.';

/** Who the desk's history names for the family's own change. */
const FAMILY_AT_DESK = 'Famille';

export const projectConfirmation: AppProjector = (rev, ctx) => {
	if (rev.deleted || rev.body.state !== 'submitted') return;
	const { db } = ctx.host;
	// Idempotent by (household, doc id): a replay never confirms twice.
	if (
		db
			.prepare('SELECT 1 FROM commission_confirmations WHERE household_id = ? AND doc_id = ?')
			.get(ctx.householdId, rev.id)
	)
		return;
	const request = db
		.prepare(
			`SELECT id, number, status FROM requests
			 WHERE household_id = ? AND doc_id = ? AND type = 'preinscription'`
		)
		.get(ctx.householdId, String(rev.body.requestId)) as
		{ id: string; number: number; status: RequestStatus } | undefined;
	if (!request) throw new DocRefused('forbidden', CONFIRM_REQUEST_UNKNOWN);
	if (!WAITING_REQUEST_STATUSES.includes(request.status))
		throw new DocRefused('forbidden', CONFIRM_NOT_WAITING);
	const sessionId = String(rev.body.sessionId);
	const session = db
		.prepare('SELECT state, date FROM commission_sessions WHERE id = ?')
		.get(sessionId) as { state: string; date: string } | undefined;
	if (!session) throw new DocRefused('forbidden', CONFIRM_SESSION_UNKNOWN);
	if (session.state !== 'planned') throw new DocRefused('forbidden', CONFIRM_SESSION_CLOSED);
	if (
		db
			.prepare('SELECT 1 FROM commission_confirmations WHERE session_id = ? AND request_id = ?')
			.get(sessionId, request.id)
	)
		throw new DocRefused('forbidden', CONFIRM_ALREADY);
	const q = (rev.body.questionnaire ?? {}) as Record<string, unknown>;
	const questionnaire = {
		residentInArea: q.residentInArea === true,
		professionalSituation: Array.isArray(q.professionalSituation)
			? q.professionalSituation.filter((s): s is string => typeof s === 'string')
			: []
	};
	const comment = typeof rev.body.comment === 'string' ? rev.body.comment.trim() : '';
	db.prepare(
		`INSERT INTO commission_confirmations
		 (session_id, request_id, household_id, doc_id, doc_rev, questionnaire, comment, confirmed_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		sessionId,
		request.id,
		ctx.householdId,
		rev.id,
		rev.rev,
		JSON.stringify(questionnaire),
		comment || null,
		ctx.now
	);
	ctx.host.requestChanged({
		requestId: request.id,
		number: request.number,
		action: 'confirm',
		status: request.status,
		actorId: null,
		actorName: FAMILY_AT_DESK,
		// The history shows the status again: say what happened, then the family's words.
		comment: `Situation confirmée pour la commission du ${frenchLongDay(session.date)}${comment ? ` : ${comment}` : '.'}`
	});
};

export interface ConfirmationRecord {
	requestId: string;
	questionnaire: { residentInArea: boolean; professionalSituation: string[] };
	comment: string | null;
	/** ISO timestamp (server arrival). */
	confirmedAt: string;
}

/** The session's confirmations, by request id. */
export function confirmationsOf(db: Db, sessionId: string): Record<string, ConfirmationRecord> {
	const rows = db
		.prepare(
			`SELECT request_id, questionnaire, comment, confirmed_at FROM commission_confirmations
			 WHERE session_id = ?`
		)
		.all(sessionId) as {
		request_id: string;
		questionnaire: string;
		comment: string | null;
		confirmed_at: number;
	}[];
	return Object.fromEntries(
		rows.map((r) => [
			r.request_id,
			{
				requestId: r.request_id,
				questionnaire: JSON.parse(r.questionnaire),
				comment: r.comment,
				confirmedAt: new Date(r.confirmed_at).toISOString()
			}
		])
	);
}
