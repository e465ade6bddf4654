// One commission outcome applied to a request, inside the caller's transaction: the requests row
// (guarded by its status), the history event (host.requestChanged), the household's `svc:status`
// with what the family must read (offer, waiting-list ranks, refusal reason) and the family's mail.
import * as v from 'valibot';
import { parseDocId } from '../../src/lib/domain/documents';
import {
	nextStatus,
	type RequestAction,
	type RequestStatus
} from '../../src/lib/domain/request-status';
import { StatusDoc, statusDocId } from '../../src/lib/domain/service-documents';
import { readStoredDoc } from '../../sync/server/household-read';
import type { SyncHost } from '../../sync/server/host';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import type { AppDeps } from '../http/env';
import { ApiError } from '../http/errors';
import { enqueueMail } from '../mail/outbox';
import { hello, render, type Block } from '../mail/templates';
import { referentOf, type RequestRow } from '../desk/request-file';
import { statement } from './statements';

export const COMMISSION_NAME = 'Commission d’attribution';

export interface StatusExtra {
	reason?: string;
	offer?: {
		offerId: string;
		structureId: string;
		structureName: string;
		ageGroup: string;
		startDate: string;
		deadline: string;
	};
	waitlist?: { structureId: string; structureName: string; rank: number }[];
}

export interface Outcome {
	action: RequestAction;
	extra: StatusExtra;
	/** The family's mail: subject and paragraphs (the link to the request is added). */
	mail: { subject: string; blocks: Block[] };
	by: { id: string; name: string } | null;
}

export const requestLink = (deps: AppDeps, req: RequestRow) =>
	`${deps.config.publicUrl}/espace/demandes/${parseDocId(req.doc_id)?.uuid ?? ''}`;

/** Applies the outcome to the request; returns its new status. */
export function applyOutcome(
	deps: AppDeps,
	host: SyncHost,
	req: RequestRow,
	outcome: Outcome,
	now: number
): RequestStatus {
	const { db } = deps;
	const current = statement(db, 'SELECT status FROM requests WHERE id = ?').get(req.id) as {
		status: RequestStatus;
	};
	const next = nextStatus(current.status, outcome.action);
	if (!next.ok) throw new ApiError(409, 'not_allowed', `Demande n° ${req.number} : ${next.reason}`);
	const at = new Date(now).toISOString();
	const byName = outcome.by?.name ?? COMMISSION_NAME;
	statement(
		db,
		'UPDATE requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND status = ?'
	).run(next.status, at, req.id, current.status);
	host.requestChanged({
		requestId: req.id,
		number: req.number,
		action: outcome.action,
		status: next.status,
		actorId: outcome.by?.id ?? null,
		actorName: byName,
		reason: outcome.extra.reason ?? null
	});
	const stored = readStoredDoc(db, req.household_id, statusDocId(req.doc_id))?.body ?? {
		type: 'status',
		subjectId: req.doc_id,
		subjectType: req.type,
		requestNumber: req.number,
		history: []
	};
	const {
		reason: _r,
		piecesRequested: _p,
		offer: _o,
		waitlist: _w,
		contract: _c,
		...rest
	} = stored as Record<string, unknown>;
	const history = Array.isArray(stored.history) ? (stored.history as { at?: unknown }[]) : [];
	const last = history.at(-1)?.at;
	const entry = {
		status: next.status,
		at: typeof last === 'string' && last > at ? last : at,
		// The family reads the commission's decision; the desk's history names the agent.
		by: COMMISSION_NAME
	};
	const doc = v.parse(StatusDoc, {
		...rest,
		status: next.status,
		history: [...history, entry],
		...outcome.extra
	});
	const [written] = writeHouseholdDocs(host, req.household_id, [
		{ ...doc, _id: statusDocId(req.doc_id) }
	]);
	if (!written || !('ok' in written))
		throw new Error(`svc:status refused: ${written && 'reason' in written ? written.reason : ''}`);
	const referent = referentOf(db, req.household_id);
	if (referent)
		enqueueMail(
			db,
			render(
				referent.email,
				outcome.mail.subject,
				hello({ civility: referent.civility, lastName: referent.last_name }),
				[
					...outcome.mail.blocks,
					{
						text: 'Retrouvez votre demande et son historique dans votre Espace Famille :',
						link: { href: requestLink(deps, req), label: 'Voir ma demande' }
					}
				]
			),
			now
		);
	return next.status;
}
