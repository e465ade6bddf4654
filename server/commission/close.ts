// POST …/sessions/:id/close, in two steps. One SHORT transaction freezes the session: its decisions
// and waiting lists are written (commission_decisions, commission_waitlist replacing those requests'
// earlier rows), the session is closed on the grid version in force with the members present — from
// then on nothing changes them. Then each family gets its answer (apply.ts: a place offered, the
// waiting list with its ranks, or the refusal with its reason), in small transactions with the event
// loop free in between. `hold`: nothing, decided later.
import * as v from 'valibot';
import { audit } from '../audit/audit';
import type { AppDeps, SessionUser } from '../http/env';
import { ApiError } from '../http/errors';
import { applyProgress, applySession } from './apply';
import { liveProposal, requireSession } from './prepare';

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

export interface FreezeResult {
	closed: true;
	offers: number;
	waitlisted: number;
	refused: number;
	held: number;
}

export interface CloseResult extends FreezeResult {
	/** Decisions applied to their families / decided (all of them once the close answers). */
	applied: number;
	total: number;
}

/** Step 1, one transaction: the decisions, the waiting lists and the closed session. */
export function freezeSession(
	deps: AppDeps,
	user: SessionUser,
	sessionId: string,
	input: CloseInput
): FreezeResult {
	const { db } = deps;
	if (!input.members)
		throw new ApiError(400, 'validation', MEMBERS_REQUIRED, { members: MEMBERS_REQUIRED });
	const members = input.members;
	const now = deps.clock.now();
	const result: FreezeResult = { closed: true, offers: 0, waitlisted: 0, refused: 0, held: 0 };
	db.transaction(() => {
		const session = requireSession(db, sessionId);
		if (session.state === 'closed') throw new ApiError(409, 'closed', ALREADY_CLOSED);
		const { grid, files, proposal } = liveProposal(db, session, now);
		const fileOf = new Map(files.map((f) => [f.request.id, f]));

		const insertDecision = db.prepare(
			`INSERT INTO commission_decisions (session_id, request_id, outcome, structure_id, age_group,
			 score, score_lines, reason, manual, start_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
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
				d.manual ? 1 : 0,
				f.startDate
			);
			if (d.outcome !== 'hold') dropWaitlist.run(d.requestId);
			if (d.outcome === 'offer') result.offers++;
			else if (d.outcome === 'waitlist') result.waitlisted++;
			else if (d.outcome === 'refuse') result.refused++;
			else result.held++;
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
	return result;
}

/** Freezes the session, then applies every decision (chunks, event loop free in between). */
export async function closeSession(
	deps: AppDeps,
	user: SessionUser,
	sessionId: string,
	input: CloseInput
): Promise<CloseResult> {
	const frozen = freezeSession(deps, user, sessionId, input);
	try {
		await applySession(deps, sessionId);
	} catch (error) {
		// Frozen all the same: the resume job (server/runtime.ts) sends the remaining answers.
		console.error('[commission] applying the decisions stopped; the job resumes them', error);
	}
	deps.kickOutbox();
	const { done, total } = applyProgress(deps, sessionId);
	return { ...frozen, applied: done, total };
}
