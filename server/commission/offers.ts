// Places offered to families: at a session's close (SESSION calls makeOffer) and, between
// sessions, from a structure's waiting list when a place is declined or left without an answer
// (offerNextOnWaitlist). Called INSIDE the caller's transaction: the offers row, the request's
// status (optimistic version), its history event, the household's `svc:status` (with the offer
// and its deadline), the family's mail; the request leaves every waiting list. The caller kicks
// the outbox after commit.
import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audit';
import * as v from 'valibot';
import { parseDocId } from '../../src/lib/domain/documents';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import {
	nextStatus,
	REQUEST_STATUS,
	type RequestStatus
} from '../../src/lib/domain/request-status';
import { StatusDoc, statusDocId } from '../../src/lib/domain/service-documents';
import type { AgeGroup } from '../../src/lib/domain/structures';
import { todayInParis } from '../../src/lib/domain/validation';
import { readStoredDoc } from '../../sync/server/household-read';
import type { Db } from '../db';
import type { AppDeps } from '../http/env';
import { ApiError } from '../http/errors';
import { referentOf } from '../desk/request-file';
import { enqueueMail } from '../mail/outbox';
import { offerMadeMail } from '../mail/templates';
import { syncHostFor } from '../sync-host';
import { commissionSettings } from './settings';
import { statement } from './statements';
import { serverWriter, writeStatusStep, type RequestRef, type ServiceWriter } from './status-doc';

const DAY_MS = 86_400_000;
/** Who the history names for the commission's and the waiting list's offers. */
export const COMMISSION_NAME = 'Commission d’attribution';

export const OFFER_NOT_ALLOWED =
	'Une place ne peut être proposée qu’à une demande complète ou en liste d’attente.';

export interface RequestRow {
	id: string;
	number: number;
	household_id: string;
	doc_id: string;
	type: string;
	status: RequestStatus;
	version: number;
}

export function requestById(db: Db, id: string): RequestRow | undefined {
	return statement(
		db,
		'SELECT id, number, household_id, doc_id, type, status, version FROM requests WHERE id = ?'
	).get(id) as RequestRow | undefined;
}

export function structureName(db: Db, id: string): string {
	const row = statement(db, 'SELECT name FROM structures WHERE id = ?').get(id) as
		{ name: string } | undefined;
	return row?.name ?? id;
}

/** The request's page in the Espace Famille. */
export function requestLink(deps: Pick<AppDeps, 'config'>, docId: string): string {
	return `${deps.config.publicUrl}/espace/demandes/${parseDocId(docId)?.uuid ?? ''}`;
}

/** Moves the request to `to` (guarded by the version read in this transaction). */
export function setRequestStatus(db: Db, req: RequestRow, to: RequestStatus, at: string): void {
	const changed = statement(
		db,
		'UPDATE requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?'
	).run(to, at, req.id, req.version).changes;
	// SQLite has one writer and the row was read in this transaction: only a bug gets here.
	if (changed !== 1) throw new Error(`request ${req.number} changed under its offer`);
}

export interface OfferInput {
	requestId: string;
	sessionId: string;
	structureId: string;
	ageGroup: AgeGroup;
	/** YYYY-MM-DD. */
	startDate: string;
	source: 'session' | 'waitlist';
	by: { id: string; name: string } | null;
}

/** Offers a place; inside the caller's transaction. 409 (French) if the request cannot get one. */
export function makeOffer(
	deps: AppDeps,
	input: OfferInput,
	write: ServiceWriter = serverWriter(deps)
): { offerId: string } {
	const { db } = deps;
	const req = requestById(db, input.requestId);
	if (!req) throw new ApiError(404, 'not_found', 'Cette demande n’existe pas.');
	const next = nextStatus(req.status, 'offer');
	if (!next.ok) throw new ApiError(409, 'not_allowed', OFFER_NOT_ALLOWED);
	const now = deps.clock.now();
	const at = new Date(now).toISOString();
	const deadline = now + commissionSettings(db).offerDeadlineDays * DAY_MS;
	const offerId = randomUUID();
	const name = structureName(db, input.structureId);
	statement(
		db,
		`INSERT INTO offers (id, request_id, household_id, session_id, structure_id, age_group, start_date,
		 offered_at, deadline, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		offerId,
		req.id,
		req.household_id,
		input.sessionId,
		input.structureId,
		input.ageGroup,
		input.startDate,
		now,
		deadline,
		input.source
	);
	setRequestStatus(db, req, next.status, at);
	// Offered a place: the request waits on no list any more (declined later, it is not offered
	// again), and the families below it on those lists move up.
	const lists = statement(
		db,
		'SELECT structure_id, age_group FROM commission_waitlist WHERE request_id = ?'
	).all(req.id) as { structure_id: string; age_group: AgeGroup }[];
	statement(db, 'DELETE FROM commission_waitlist WHERE request_id = ?').run(req.id);
	for (const list of lists) refreshWaitlistRanks(deps, write, list.structure_id, list.age_group);
	const by = input.by?.name ?? COMMISSION_NAME;
	// A session's offer is audited with its decision (apply.ts); one from a waiting list is the
	// service's own decision: audited without an agent.
	if (input.source === 'waitlist')
		audit(
			db,
			{
				actorId: null,
				action: 'commission.offer',
				householdId: req.household_id,
				detail: { number: req.number, structureId: input.structureId, source: input.source }
			},
			now
		);
	syncHostFor(deps).requestChanged({
		requestId: req.id,
		number: req.number,
		action: 'offer',
		status: next.status,
		actorId: input.by?.id ?? null,
		actorName: by,
		comment: `${name}, à partir du ${frenchLongDay(input.startDate)}`
	});
	// The family reads the commission's decision, the desk's history the agent who closed it.
	writeStatusStep(deps, write, req, {
		status: next.status,
		at,
		by: COMMISSION_NAME,
		set: {
			offer: {
				offerId,
				structureId: input.structureId,
				structureName: name,
				ageGroup: input.ageGroup,
				startDate: input.startDate,
				deadline: new Date(deadline).toISOString()
			}
		}
	});
	const referent = referentOf(db, req.household_id);
	if (referent)
		enqueueMail(
			db,
			offerMadeMail(
				referent.email,
				{ civility: referent.civility, lastName: referent.last_name },
				{
					number: req.number,
					structureName: name,
					startDate: input.startDate,
					deadline,
					link: requestLink(deps, req.doc_id)
				}
			),
			now
		);
	return { offerId };
}

/**
 * The rank each family still waiting on a list reads in its `svc:status` (`waitlist`): its place
 * among the requests still « Liste d’attente » there. The session's ranks in commission_waitlist
 * stay as decided (the minutes); only the families' documents whose rank changed are rewritten.
 */
export function refreshWaitlistRanks(
	deps: AppDeps,
	write: ServiceWriter,
	structureId: string,
	ageGroup: AgeGroup
): void {
	const { db } = deps;
	const rows = db
		.prepare(
			`SELECT r.number, r.household_id, r.doc_id, r.type FROM commission_waitlist w
			 JOIN requests r ON r.id = w.request_id
			 WHERE w.structure_id = ? AND w.age_group = ? AND r.status = ?
			 ORDER BY w.rank, w.request_id`
		)
		.all(structureId, ageGroup, REQUEST_STATUS.waitlisted) as RequestRef[];
	rows.forEach((req, i) => {
		const id = statusDocId(req.doc_id);
		const current = readStoredDoc(db, req.household_id, id)?.body;
		const entries = Array.isArray(current?.waitlist)
			? (current.waitlist as { structureId: string; rank: number }[])
			: [];
		if (!entries.some((e) => e.structureId === structureId && e.rank !== i + 1)) return;
		const waitlist = entries.map((e) =>
			e.structureId === structureId ? { ...e, rank: i + 1 } : e
		);
		write(req.household_id, id, v.parse(StatusDoc, { ...current, waitlist }));
	});
}

/**
 * A place of `structureId` / `ageGroup` is free again (declined, expired): the first request still
 * « Liste d’attente » on that list gets it. None waiting: the place stays free (logged).
 */
export function offerNextOnWaitlist(
	deps: AppDeps,
	structureId: string,
	ageGroup: AgeGroup,
	startDate: string,
	sessionId: string,
	write: ServiceWriter = serverWriter(deps)
): { offerId: string; requestId: string } | null {
	const { db } = deps;
	const next = db
		.prepare(
			`SELECT w.request_id AS id, r.household_id, r.doc_id FROM commission_waitlist w
			 JOIN requests r ON r.id = w.request_id
			 WHERE w.structure_id = ? AND w.age_group = ? AND r.status = ?
			 ORDER BY w.rank, w.request_id LIMIT 1`
		)
		.get(structureId, ageGroup, REQUEST_STATUS.waitlisted) as
		{ id: string; household_id: string; doc_id: string } | undefined;
	if (!next) {
		console.info(
			`[commission] place kept: no request waiting for ${structureId} (${ageGroup}) from ${startDate}`
		);
		return null;
	}
	// The place is free from `startDate`, and never before today; a family that wished a later
	// entry starts then.
	const wished = readStoredDoc(db, next.household_id, next.doc_id)?.body.wishedStartDate;
	const today = todayInParis(new Date(deps.clock.now()));
	const start = [startDate, today, typeof wished === 'string' ? wished : ''].reduce((a, b) =>
		b > a ? b : a
	);
	const { offerId } = makeOffer(
		deps,
		{
			requestId: next.id,
			sessionId,
			structureId,
			ageGroup,
			startDate: start,
			source: 'waitlist',
			by: null
		},
		write
	);
	return { offerId, requestId: next.id };
}
