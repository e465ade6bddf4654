// The family's answer to a place offered (SYNC_SPEC S-PROJ-8): a submitted `offer-answer`
// document, projected once inside its write transaction (the `offer-answer` app projector,
// server/sync-host.ts). The server's clock decides: an answer arriving by the deadline counts; one
// arriving later counts only if written (device clock) by the deadline and arriving within
// OFFER_GRACE_HOURS after it. Accepted → « Admis » and the contract; declined → « Place déclinée »
// and the place goes to the next request on the structure's waiting list. Anything else is
// refused alone with its French reason (DocRefused), and nothing changes.
import { randomUUID } from 'node:crypto';
import { OFFER_GRACE_HOURS } from '../../src/lib/domain/commission';
import { nextStatus, REQUEST_STATUS } from '../../src/lib/domain/request-status';
import type { AgeGroup } from '../../src/lib/domain/structures';
import { DocRefused } from '../../sync/server/errors';
import type { AppProjector } from '../../sync/server/host';
import { readHouseholdDocs, readStoredDoc } from '../../sync/server/household-read';
import type { Db } from '../db';
import { referentOf } from '../desk/request-file';
import { deskRequestsUrl } from '../desk/notify-settings';
import type { AppDeps } from '../http/env';
import { enqueueMail } from '../mail/outbox';
import { placeAcceptedMail, placeAcceptedServiceMail, placeDeclinedMail } from '../mail/templates';
import {
	offerNextOnWaitlist,
	requestById,
	requestLink,
	setRequestStatus,
	structureName,
	type RequestRow
} from './offers';
import { serverWriter, writeStatusStep } from './status-doc';

export const OFFER_UNKNOWN =
	'Cette proposition de place n’est pas connue du service pour votre espace : votre réponse n’a pas été enregistrée.';
export const OFFER_ALREADY_ANSWERED = 'Vous avez déjà répondu à cette proposition.';
export const OFFER_NOT_PENDING =
	'Cette proposition n’attend plus de réponse : le service a déjà décidé de cette demande.';
export const OFFER_TOO_LATE = 'Le délai pour répondre à cette proposition est dépassé.';

/** Who the history names for the family's answer: the parent reads « Vous », the desk « Famille ». */
const FAMILY_IN_HISTORY = 'Vous';
const FAMILY_AT_DESK = 'Famille';
const GRACE_MS = OFFER_GRACE_HOURS * 3_600_000;

export interface OfferRow {
	id: string;
	request_id: string;
	household_id: string;
	session_id: string;
	structure_id: string;
	age_group: AgeGroup;
	start_date: string;
	deadline: number;
	state: 'pending' | 'accepted' | 'declined' | 'expired';
}

/** Whether an answer written at `answeredAt` (device) and arriving at `arrival` (server) counts. */
export function answerInTime(deadline: number, arrival: number, answeredAt: string): boolean {
	if (arrival <= deadline) return true;
	const written = Date.parse(answeredAt);
	return arrival <= deadline + GRACE_MS && Number.isFinite(written) && written <= deadline;
}

/** The child's name, from the household's submitted entourage declarations. */
function childName(db: Db, householdId: string, childId: string): string {
	for (const doc of readHouseholdDocs(db, householdId, 'entourage:')) {
		if (doc.body.state !== 'submitted' || !Array.isArray(doc.body.members)) continue;
		const m = (doc.body.members as Record<string, unknown>[]).find(
			(x) => x && x.id === childId && x.role === 'child'
		);
		if (m) return `${String(m.firstNames ?? '')} ${String(m.lastName ?? '')}`.trim();
	}
	return 'Enfant';
}

export function offerAnswerProjector(deps: AppDeps): AppProjector {
	return (rev, ctx) => {
		if (rev.deleted || rev.body.state !== 'submitted') return;
		const { db } = deps;
		// Idempotent by (household, doc id): a replay never answers twice (S-PROJ-3).
		if (
			db
				.prepare('SELECT 1 FROM offers WHERE household_id = ? AND answer_doc_id = ?')
				.get(ctx.householdId, rev.id)
		)
			return;
		const offer = db
			.prepare(
				`SELECT id, request_id, household_id, session_id, structure_id, age_group, start_date, deadline, state
				 FROM offers WHERE id = ? AND household_id = ?`
			)
			.get(String(rev.body.offerId), ctx.householdId) as OfferRow | undefined;
		const req = offer ? requestById(db, offer.request_id) : undefined;
		if (!offer || !req || req.doc_id !== rev.body.requestId)
			throw new DocRefused('forbidden', OFFER_UNKNOWN);
		if (offer.state === 'accepted' || offer.state === 'declined')
			throw new DocRefused('forbidden', OFFER_ALREADY_ANSWERED);
		if (
			offer.state !== 'pending' ||
			!answerInTime(offer.deadline, ctx.now, String(rev.body.answeredAt))
		)
			throw new DocRefused('forbidden', OFFER_TOO_LATE);
		const accept = rev.body.answer === 'accept';
		const next = nextStatus(req.status, accept ? 'accept' : 'decline');
		// A pending offer's request is « Place proposée », unless the service decided otherwise since.
		if (!next.ok) throw new DocRefused('forbidden', OFFER_NOT_PENDING);
		const at = new Date(ctx.now).toISOString();
		const reason =
			!accept && typeof rev.body.reason === 'string' && rev.body.reason.trim()
				? rev.body.reason.trim()
				: null;
		db.prepare(
			`UPDATE offers SET state = ?, answered_at = ?, answer_doc_id = ?, answer_doc_rev = ?, decline_reason = ?
			 WHERE id = ? AND state = 'pending'`
		).run(accept ? 'accepted' : 'declined', ctx.now, rev.id, rev.rev, reason, offer.id);
		setRequestStatus(db, req, next.status, at);
		ctx.host.requestChanged({
			requestId: req.id,
			number: req.number,
			action: accept ? 'accept' : 'decline',
			status: next.status,
			actorId: null,
			actorName: FAMILY_AT_DESK,
			reason
		});
		const write = serverWriter(deps);
		if (accept) admit(deps, req, offer, at, write);
		else {
			decline(deps, req, offer, at, reason, write);
			offerNextOnWaitlist(
				deps,
				offer.structure_id,
				offer.age_group,
				offer.start_date,
				offer.session_id,
				write
			);
		}
		ctx.outboxWritten();
	};
}

function admit(
	deps: AppDeps,
	req: RequestRow,
	offer: OfferRow,
	at: string,
	write: ReturnType<typeof serverWriter>
): void {
	const { db } = deps;
	const now = Date.parse(at);
	const request = readStoredDoc(db, req.household_id, req.doc_id)?.body ?? {};
	const childId = typeof request.childId === 'string' ? request.childId : '';
	const child = childName(db, req.household_id, childId);
	const contractId = randomUUID();
	const name = structureName(db, offer.structure_id);
	db.prepare(
		`INSERT INTO contracts (id, household_id, request_id, offer_id, child_id, child_name, structure_id,
		 age_group, start_date, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	).run(
		contractId,
		req.household_id,
		req.id,
		offer.id,
		childId,
		child,
		offer.structure_id,
		offer.age_group,
		offer.start_date,
		REQUEST_STATUS.admitted,
		now
	);
	writeStatusStep(deps, write, req, {
		status: REQUEST_STATUS.admitted,
		at,
		by: FAMILY_IN_HISTORY,
		set: {
			contract: {
				contractId,
				structureId: offer.structure_id,
				structureName: name,
				startDate: offer.start_date
			}
		}
	});
	const referent = referentOf(db, req.household_id);
	const notice = {
		number: req.number,
		structureName: name,
		startDate: offer.start_date,
		childName: child,
		link: requestLink(deps, req.doc_id)
	};
	if (referent)
		enqueueMail(
			db,
			placeAcceptedMail(
				referent.email,
				{ civility: referent.civility, lastName: referent.last_name },
				notice
			),
			now
		);
	enqueueMail(
		db,
		placeAcceptedServiceMail(deps.config.serviceEmail, notice, deskRequestsUrl(deps.config)),
		now
	);
}

function decline(
	deps: AppDeps,
	req: RequestRow,
	offer: OfferRow,
	at: string,
	reason: string | null,
	write: ReturnType<typeof serverWriter>
): void {
	const { db } = deps;
	const name = structureName(db, offer.structure_id);
	writeStatusStep(deps, write, req, {
		status: REQUEST_STATUS.declined,
		at,
		by: FAMILY_IN_HISTORY,
		comment: reason // the family's own words, in its history (`reason` is the service's)
	});
	const referent = referentOf(db, req.household_id);
	if (referent)
		enqueueMail(
			db,
			placeDeclinedMail(
				referent.email,
				{ civility: referent.civility, lastName: referent.last_name },
				{
					number: req.number,
					structureName: name,
					startDate: offer.start_date,
					link: requestLink(deps, req.doc_id)
				}
			),
			Date.parse(at)
		);
}
