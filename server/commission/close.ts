// POST …/sessions/:id/close: one transaction freezes the session. Its decisions and waiting lists
// are written (commission_decisions, commission_waitlist replacing those requests' earlier rows),
// the session is closed on the grid version in force with the members present, then each family
// gets its answer: a place offered (makeOffer), the waiting list with its ranks, or the refusal with
// its reason — svc:status, mail, history event and audit. `hold`: nothing, decided later.
import * as v from 'valibot';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { audit } from '../audit/audit';
import type { AppDeps, SessionUser } from '../http/env';
import { ApiError } from '../http/errors';
import { syncHostFor } from '../sync-host';
import { applyOutcome } from './decide';
import { makeOffer } from './offers';
import { liveProposal, requireSession, structureNames } from './prepare';

export const MEMBERS_REQUIRED = 'Indiquez les membres présents à la commission.';
export const ALREADY_CLOSED = 'Cette commission est déjà close.';

export const CloseInput = v.object({
	members: v.optional(
		v.pipe(
			v.string('Les membres présents doivent être un texte.'),
			v.trim(),
			v.maxLength(2000, 'La liste des membres ne peut pas dépasser 2 000 caractères.')
		)
	)
});
export type CloseInput = v.InferOutput<typeof CloseInput>;

const agentName = (u: SessionUser) => `${u.firstNames} ${u.lastName}`.trim();

export interface CloseResult {
	closed: true;
	offers: number;
	waitlisted: number;
	refused: number;
	held: number;
}

export function closeSession(
	deps: AppDeps,
	user: SessionUser,
	sessionId: string,
	input: CloseInput
): CloseResult {
	const { db } = deps;
	if (!input.members)
		throw new ApiError(400, 'validation', MEMBERS_REQUIRED, { members: MEMBERS_REQUIRED });
	const members = input.members;
	const now = deps.clock.now();
	const by = { id: user.id, name: agentName(user) };
	const host = syncHostFor(deps);
	const result: CloseResult = { closed: true, offers: 0, waitlisted: 0, refused: 0, held: 0 };
	db.transaction(() => {
		const session = requireSession(db, sessionId);
		if (session.state === 'closed') throw new ApiError(409, 'closed', ALREADY_CLOSED);
		const { grid, files, proposal } = liveProposal(db, session, now);
		const fileOf = new Map(files.map((f) => [f.request.id, f]));
		const names = structureNames(db);

		const insertDecision = db.prepare(
			`INSERT INTO commission_decisions (session_id, request_id, outcome, structure_id, age_group,
			 score, score_lines, reason, manual) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		const dropWaitlist = db.prepare('DELETE FROM commission_waitlist WHERE request_id = ?');
		for (const d of proposal.decisions) {
			const f = fileOf.get(d.requestId)!;
			insertDecision.run(
				session.id,
				d.requestId,
				d.outcome,
				d.structureId,
				d.ageGroup,
				f.score,
				JSON.stringify(f.lines),
				d.reason,
				d.manual ? 1 : 0
			);
			if (d.outcome !== 'hold') dropWaitlist.run(d.requestId);
		}
		const insertWaitlist = db.prepare(
			`INSERT INTO commission_waitlist (structure_id, age_group, request_id, session_id, rank, score)
			 VALUES (?, ?, ?, ?, ?, ?)`
		);
		for (const w of proposal.waitlist)
			insertWaitlist.run(
				w.structureId,
				w.ageGroup,
				w.requestId,
				session.id,
				w.rank,
				fileOf.get(w.requestId)!.score
			);
		db.prepare(
			`UPDATE commission_sessions SET state = 'closed', grid_version = ?, members = ?, closed_at = ?,
			 closed_by = ?, updated_at = ? WHERE id = ? AND state = 'planned'`
		).run(grid.version, members, now, user.id, now, session.id);

		for (const d of proposal.decisions) {
			const f = fileOf.get(d.requestId)!;
			const req = f.request;
			if (d.outcome === 'offer' && d.structureId) {
				makeOffer(deps, {
					requestId: req.id,
					sessionId: session.id,
					structureId: d.structureId,
					ageGroup: d.ageGroup,
					startDate: f.startDate,
					source: 'session',
					by
				});
				result.offers++;
			} else if (d.outcome === 'waitlist') {
				const ranks = proposal.waitlist
					.filter((w) => w.requestId === req.id)
					.map((w) => ({
						structureId: w.structureId,
						structureName: names.get(w.structureId) ?? w.structureId,
						rank: w.rank
					}));
				applyOutcome(
					deps,
					host,
					req,
					{
						action: 'waitlist',
						by,
						extra: { waitlist: ranks },
						mail: {
							subject: `Votre demande n° ${req.number} : Liste d’attente`,
							blocks: [
								{
									text: `La commission d’attribution du ${frenchLongDay(session.date)} n’a pas pu vous proposer de place : votre demande n° ${req.number} est inscrite en liste d’attente.`
								},
								...ranks.map((r) => ({ text: `${r.structureName} : rang ${r.rank}` })),
								{
									text: 'Si une place se libère dans l’une de ces structures, elle vous sera proposée sans attendre la prochaine commission.'
								}
							]
						}
					},
					now
				);
				result.waitlisted++;
			} else if (d.outcome === 'refuse') {
				const reason = d.reason ?? 'Décision de la commission d’attribution.';
				applyOutcome(
					deps,
					host,
					req,
					{
						action: 'refuse',
						by,
						extra: { reason },
						mail: {
							subject: `Votre demande n° ${req.number} : Refusée`,
							blocks: [
								{
									text: `La commission d’attribution du ${frenchLongDay(session.date)} a refusé votre demande n° ${req.number}.`
								},
								{ text: `Motif : ${reason}` }
							]
						}
					},
					now
				);
				result.refused++;
			} else {
				result.held++;
			}
			audit(
				db,
				{
					actorId: user.id,
					action: 'commission.decision',
					householdId: req.household_id,
					detail: {
						sessionId: session.id,
						number: req.number,
						outcome: d.outcome,
						structureId: d.structureId,
						manual: d.manual,
						reason: d.reason
					}
				},
				now
			);
		}
		audit(
			db,
			{
				actorId: user.id,
				action: 'commission.close',
				detail: { sessionId: session.id, date: session.date, gridVersion: grid.version, ...result }
			},
			now
		);
	})();
	deps.kickOutbox();
	return result;
}
