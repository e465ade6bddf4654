// The family's answer to « Pièces demandées » (SYNC_SPEC S-PROJ-6): a submitted `reply` document
// moves its request to « Pièces reçues » — the relational row (optimistic version), the desk's
// event and the `svc:status` document the parent reads — once, inside the write transaction.
// A reply the service does not wait for is refused alone, with its French reason.
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
	nextStatus,
	REQUEST_STATUS,
	type RequestStatus
} from '../../../src/lib/domain/request-status';
import { StatusDoc, statusDocId } from '../../../src/lib/domain/service-documents';
import { DocRefused } from '../errors';
import type { RequestChange } from '../host';
import { readHouseholdDoc } from '../service-writes';
import type { AcceptedRevision, ProjectionContext } from './registry';

export const REPLY_REQUEST_UNKNOWN =
	'Cette demande n’est pas connue du service pour votre espace : vos pièces n’ont pas été envoyées.';
export const REPLY_NOT_WAITING = 'Le service n’attend pas de pièces pour cette demande.';

/** Who the history names for the family's own answer (the parent reads it). */
export const FAMILY_IN_HISTORY = 'Vous';
/** Who the desk's history names for it. */
export const FAMILY_AT_DESK = 'Famille';

interface RequestRow {
	id: string;
	number: number;
	status: RequestStatus;
	version: number;
}

/** The desk's record of the change (history + live feed), through the sync host. */
function requestChanged(ctx: ProjectionContext, change: RequestChange): void {
	ctx.host.requestChanged(change);
}

export function projectReply(rev: AcceptedRevision, ctx: ProjectionContext): void {
	if (rev.deleted || rev.body.state !== 'submitted') return;
	const { db } = ctx.host;
	// Idempotent by (household, doc id): a replay never answers twice (S-PROJ-3).
	if (
		db
			.prepare('SELECT 1 FROM request_replies WHERE household_id = ? AND doc_id = ?')
			.get(ctx.householdId, rev.id)
	)
		return;
	const requestId = String(rev.body.requestId);
	const request = db
		.prepare(
			'SELECT id, number, status, version FROM requests WHERE household_id = ? AND doc_id = ?'
		)
		.get(ctx.householdId, requestId) as RequestRow | undefined;
	if (!request) throw new DocRefused('forbidden', REPLY_REQUEST_UNKNOWN);
	const next = nextStatus(request.status, 'pieces-sent');
	if (!next.ok) throw new DocRefused('forbidden', REPLY_NOT_WAITING);
	const at = new Date(ctx.now).toISOString();
	const changed = db
		.prepare(
			'UPDATE requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?'
		)
		.run(next.status, at, request.id, request.version).changes;
	// SQLite has one writer and we read the row in this transaction: only a bug gets here.
	if (changed !== 1) throw new Error(`request ${request.number} changed under its reply`);
	const comment = typeof rev.body.comment === 'string' ? rev.body.comment.trim() : '';
	db.prepare(
		`INSERT INTO request_replies (id, request_id, household_id, doc_id, doc_rev, piece_ids, comment, submitted_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		randomUUID(),
		request.id,
		ctx.householdId,
		rev.id,
		rev.rev,
		JSON.stringify(rev.body.pieceIds ?? []),
		comment || null,
		at
	);
	requestChanged(ctx, {
		requestId: request.id,
		number: request.number,
		action: 'pieces-sent',
		status: next.status,
		actorId: null,
		actorName: FAMILY_AT_DESK,
		comment: comment || null
	});
	ctx.writeServiceDoc(
		statusDocId(requestId),
		statusAfterReply(ctx, requestId, request, at, comment)
	);
}

/** The request's status document with the family's answer appended (schema-checked: throws). */
function statusAfterReply(
	ctx: ProjectionContext,
	requestId: string,
	request: RequestRow,
	at: string,
	comment: string
) {
	const current = readHouseholdDoc(ctx.host, ctx.householdId, statusDocId(requestId));
	const history = Array.isArray(current?.history) ? (current.history as { at: string }[]) : [];
	// The history stays chronological even if the server's clock went back a little.
	const last = history.at(-1)?.at;
	const when = last && last > at ? last : at;
	const { piecesRequested: _asked, ...rest } = current ?? {};
	void _asked; // no longer asked: the family has answered
	return v.parse(StatusDoc, {
		...rest,
		type: 'status',
		subjectId: requestId,
		subjectType: requestId.slice(0, requestId.indexOf(':')),
		requestNumber: request.number,
		status: REQUEST_STATUS.piecesReceived,
		history: [
			...history,
			{
				status: REQUEST_STATUS.piecesReceived,
				at: when,
				by: FAMILY_IN_HISTORY,
				...(comment ? { comment } : {})
			}
		]
	});
}
