// The agents' adjustments of a planned session's proposal, one per request (the last one wins):
// assign to a structure, hold (not decided this session), waiting list, refuse; always with the
// reason typed by the agent. Deleting it goes back to the automatic proposal. Audited.
import * as v from 'valibot';
import { assignProblem } from '../../src/lib/domain/commission-proposal';
import { AGE_GROUP_LABELS } from '../../src/lib/domain/structures';
import type { Db } from '../db';
import type { SessionUser } from '../http/env';
import { ApiError } from '../http/errors';
import { audit } from '../audit/audit';
import { findRequest } from '../desk/request-file';
import {
	liveProposal,
	requireSession,
	structureNames,
	toAdjustment,
	toProposalFile
} from './prepare';

export const REASON_REQUIRED = 'Indiquez le motif de cet ajustement.';
export const SESSION_CLOSED = 'Cette commission est close : ses décisions ne changent plus.';
export const STRUCTURE_REQUIRED = 'Choisissez la structure où attribuer la place.';
export const UNKNOWN_STRUCTURE = 'Cette structure n’existe pas.';
export const NOT_EXAMINED = 'Cette demande n’est pas examinée par cette commission.';

export const AdjustmentInput = v.object({
	kind: v.picklist(['assign', 'hold', 'waitlist', 'refuse'], 'Cet ajustement est inconnu.'),
	structureId: v.optional(v.nullable(v.string('La structure doit être un identifiant.'))),
	reason: v.optional(
		v.pipe(
			v.string('Le motif doit être un texte.'),
			v.trim(),
			v.maxLength(1000, 'Le motif ne peut pas dépasser 1 000 caractères.')
		)
	)
});
export type AdjustmentInput = v.InferOutput<typeof AdjustmentInput>;

const agentName = (u: SessionUser) => `${u.firstNames} ${u.lastName}`.trim();

function plannedSessionAndFile(
	db: Db,
	sessionId: string,
	numberParam: string | undefined,
	now: number
) {
	const session = requireSession(db, sessionId);
	if (session.state === 'closed') throw new ApiError(409, 'closed', SESSION_CLOSED);
	const request = findRequest(db, numberParam);
	const live = liveProposal(db, session, now);
	const file = live.files.find((f) => f.request.id === request.id);
	if (!file) throw new ApiError(404, 'not_found', NOT_EXAMINED);
	return { session, request, live, file };
}

/** Records the adjustment (400 / 404 / 409, nothing written then). */
export function putAdjustment(
	db: Db,
	user: SessionUser,
	sessionId: string,
	numberParam: string | undefined,
	input: AdjustmentInput,
	now: number
): void {
	if (!input.reason)
		throw new ApiError(400, 'validation', REASON_REQUIRED, { reason: REASON_REQUIRED });
	const structureId = input.kind === 'assign' ? (input.structureId ?? null) : null;
	if (input.kind === 'assign') {
		if (!structureId)
			throw new ApiError(400, 'validation', STRUCTURE_REQUIRED, {
				structureId: STRUCTURE_REQUIRED
			});
		if (!structureNames(db).has(structureId))
			throw new ApiError(400, 'validation', UNKNOWN_STRUCTURE, { structureId: UNKNOWN_STRUCTURE });
	}
	db.transaction(() => {
		const { session, request, live, file } = plannedSessionAndFile(db, sessionId, numberParam, now);
		if (structureId) {
			// Manual assignments reserve their place before the automatic proposal (lead's domain).
			const problem = assignProblem(
				live.files.map(toProposalFile),
				live.capacity,
				live.adjustments.map(toAdjustment),
				{ requestId: request.id, kind: 'assign', structureId, reason: input.reason! },
				{
					structure: structureNames(db).get(structureId) ?? structureId,
					group: AGE_GROUP_LABELS[file.ageGroup]
				}
			);
			if (problem) throw new ApiError(409, 'no_place', problem);
		}
		db.prepare(
			`INSERT INTO commission_adjustments (session_id, request_id, kind, structure_id, reason, by_id, by_name, at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (session_id, request_id) DO UPDATE SET kind = excluded.kind,
			 structure_id = excluded.structure_id, reason = excluded.reason, by_id = excluded.by_id,
			 by_name = excluded.by_name, at = excluded.at`
		).run(
			session.id,
			request.id,
			input.kind,
			structureId,
			input.reason,
			user.id,
			agentName(user),
			now
		);
		audit(
			db,
			{
				actorId: user.id,
				action: 'commission.adjust',
				householdId: request.household_id,
				detail: {
					sessionId: session.id,
					number: request.number,
					kind: input.kind,
					structureId,
					reason: input.reason
				}
			},
			now
		);
	})();
}

/** Removes the adjustment: back to the automatic proposal. */
export function deleteAdjustment(
	db: Db,
	user: SessionUser,
	sessionId: string,
	numberParam: string | undefined,
	now: number
): void {
	db.transaction(() => {
		const session = requireSession(db, sessionId);
		if (session.state === 'closed') throw new ApiError(409, 'closed', SESSION_CLOSED);
		const request = findRequest(db, numberParam);
		const removed = db
			.prepare('DELETE FROM commission_adjustments WHERE session_id = ? AND request_id = ?')
			.run(session.id, request.id).changes;
		if (removed)
			audit(
				db,
				{
					actorId: user.id,
					action: 'commission.adjust-undo',
					householdId: request.household_id,
					detail: { sessionId: session.id, number: request.number }
				},
				now
			);
	})();
}
