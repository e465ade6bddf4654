// Offers left without an answer: once the deadline and the grace for offline answers
// (OFFER_GRACE_HOURS) have passed on the server's clock, the offer expires, the request becomes
// « Place déclinée » (action 'expire'), the family is told by mail, and the place goes to the next
// request on the structure's waiting list. One transaction per offer, guarded by its state: run
// twice (or by two processes) it expires each offer exactly once. Checked every minute and at start.
import { audit } from '../audit/audit';
import { OFFER_GRACE_HOURS } from '../../src/lib/domain/commission';
import { nextStatus } from '../../src/lib/domain/request-status';
import type { AppDeps } from '../http/env';
import { referentOf } from '../desk/request-file';
import { enqueueMail } from '../mail/outbox';
import { offerExpiredMail } from '../mail/templates';
import { syncHostFor } from '../sync-host';
import type { OfferRow } from './answers';
import {
	COMMISSION_NAME,
	offerNextOnWaitlist,
	requestById,
	requestLink,
	setRequestStatus,
	structureName
} from './offers';
import { serverWriter, writeStatusStep } from './status-doc';

export const EXPIRED_REASON = 'Sans réponse dans le délai';
const GRACE_MS = OFFER_GRACE_HOURS * 3_600_000;

/** Expires the offers past deadline + grace at `now`; returns how many. */
export function runOfferExpiry(deps: AppDeps, now: number): number {
	const { db } = deps;
	const due = db
		.prepare(`SELECT id FROM offers WHERE state = 'pending' AND deadline < ? ORDER BY deadline, id`)
		.all(now - GRACE_MS) as { id: string }[];
	let expired = 0;
	for (const { id } of due) {
		const done = db.transaction(() => {
			const offer = db
				.prepare(
					`SELECT id, request_id, household_id, session_id, structure_id, age_group, start_date, deadline, state
					 FROM offers WHERE id = ? AND state = 'pending'`
				)
				.get(id) as OfferRow | undefined;
			if (!offer) return false; // answered or expired meanwhile
			db.prepare("UPDATE offers SET state = 'expired' WHERE id = ? AND state = 'pending'").run(id);
			const req = requestById(db, offer.request_id);
			const next = req ? nextStatus(req.status, 'expire') : null;
			const write = serverWriter(deps);
			if (req && next?.ok) {
				const at = new Date(now).toISOString();
				setRequestStatus(db, req, next.status, at);
				syncHostFor(deps).requestChanged({
					requestId: req.id,
					number: req.number,
					action: 'expire',
					status: next.status,
					actorId: null,
					actorName: COMMISSION_NAME,
					reason: EXPIRED_REASON
				});
				writeStatusStep(deps, write, req, {
					status: next.status,
					at,
					by: COMMISSION_NAME,
					set: { reason: EXPIRED_REASON }
				});
				audit(
					db,
					{
						actorId: null,
						action: 'commission.expire',
						householdId: req.household_id,
						detail: { number: req.number, offerId: offer.id }
					},
					now
				);
				const referent = referentOf(db, req.household_id);
				if (referent)
					enqueueMail(
						db,
						offerExpiredMail(
							referent.email,
							{ civility: referent.civility, lastName: referent.last_name },
							{
								number: req.number,
								structureName: structureName(db, offer.structure_id),
								startDate: offer.start_date,
								deadline: offer.deadline,
								link: requestLink(deps, req.doc_id)
							}
						),
						now
					);
			}
			offerNextOnWaitlist(
				deps,
				offer.structure_id,
				offer.age_group,
				offer.start_date,
				offer.session_id,
				write
			);
			return true;
		})();
		if (done) expired++;
	}
	if (expired) deps.kickOutbox();
	return expired;
}

export interface OfferExpiryJob {
	stop(): void;
}

/** Checks at start and then every minute (the clock decides what is due). */
export function startOfferExpiry(deps: AppDeps, everyMs = 60_000): OfferExpiryJob {
	const run = () => {
		try {
			runOfferExpiry(deps, deps.clock.now());
		} catch (err) {
			console.error('[commission] offer expiry failed', err);
		}
	};
	run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
