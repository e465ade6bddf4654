// First projector: a submitted preinscription or entourage becomes exactly one numbered request,
// a `svc:status:<doc id>` document for the family and its first history event, which notifies the
// service (SYNC_SPEC S-PROJ-*).
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { INITIAL_REQUEST_STATUS } from '../../../src/lib/domain/request-status';
import { StatusDoc, statusDocId } from '../../../src/lib/domain/service-documents';
import type { AcceptedRevision, ProjectionContext } from './registry';
import { checkRequestQuota } from './request-limit';

export function projectSubmission(rev: AcceptedRevision, ctx: ProjectionContext): void {
	if (rev.deleted || rev.body.state !== 'submitted') return;
	const { db } = ctx.host;
	const at = new Date(ctx.now).toISOString();
	// Idempotent by (household, doc id): a replayed or conflicting submitted revision never makes a
	// second request (the submitted-document lock refuses the latter before it gets here).
	const existing = db
		.prepare('SELECT 1 FROM requests WHERE household_id = ? AND doc_id = ?')
		.get(ctx.householdId, rev.id);
	if (existing) return;
	checkRequestQuota(db, ctx.householdId, ctx.now, ctx.host.config.requestsPerHouseholdPerDay);
	const inserted = db
		.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, doc_rev, type, status, submitted_at, updated_at)
			 SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM requests WHERE true
			 ON CONFLICT (household_id, doc_id) DO NOTHING RETURNING id, number`
		)
		.get(
			randomUUID(),
			ctx.householdId,
			rev.id,
			rev.rev,
			rev.type,
			INITIAL_REQUEST_STATUS,
			at,
			at
		) as { id: string; number: number } | undefined;
	if (!inserted) return;
	ctx.host.requestSubmitted(inserted.number, rev.body);
	// The history's first event; it also notifies the service (mail or digest) and the webhook.
	ctx.host.requestChanged({
		requestId: inserted.id,
		number: inserted.number,
		action: 'submit',
		status: INITIAL_REQUEST_STATUS,
		actorId: null,
		actorName: 'Famille'
	});
	// Written through the shared schema the UI reads it with; a mismatch throws and rolls back.
	const status = v.parse(StatusDoc, {
		type: 'status',
		subjectId: rev.id,
		subjectType: rev.type,
		requestNumber: inserted.number,
		status: INITIAL_REQUEST_STATUS,
		history: [{ status: INITIAL_REQUEST_STATUS, at }]
	});
	ctx.writeServiceDoc(statusDocId(rev.id), status);
	ctx.outboxWritten();
}
