// POST /api/agent/requests/{number}/actions: an agent's action on a request (Prendre en charge,
// Demander des pièces, Marquer complète, Refuser, Classer sans suite). One SQLite transaction:
// the requests row (guarded by its version: two agents acting at once cannot both win), the
// history event, the household's `svc:status` document, the family's message (pieces asked
// for), the family's mail in the outbox and the audit row. Nothing is half-written.
import { Hono } from 'hono';
import * as v from 'valibot';
import { parseDocId } from '../../src/lib/domain/documents';
import {
	AGENT_ACTIONS,
	nextStatus,
	REQUEST_STATUS,
	REQUEST_TYPE_LABELS,
	type AgentAction,
	type RequestStatus
} from '../../src/lib/domain/request-status';
import { StatusDoc, statusDocId } from '../../src/lib/domain/service-documents';
import { readStoredDoc } from '../../sync/server/household-read';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { sendFamilyMessage } from '../family/messages';
import type { AppDeps, AppEnv, SessionUser } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { enqueueMail } from '../mail/outbox';
import { requestStatusMail } from '../mail/templates';
import { syncHostFor } from '../sync-host';
import { audit } from '../audit/audit';
import { findRequest, referentOf, type RequestRow } from './request-file';

export const STALE_VERSION =
	'Cette demande vient d’être modifiée par un autre agent : rechargez-la.';
export const MESSAGE_REQUIRED = 'Dites à la famille quelles pièces manquent.';
export const REASON_REQUIRED = 'Le motif du refus est obligatoire.';

const note = (label: string) =>
	v.optional(
		v.pipe(
			v.string(`Le champ « ${label} » doit être un texte.`),
			v.trim(),
			v.maxLength(2000, `Le champ « ${label} » ne peut pas dépasser 2 000 caractères.`)
		)
	);

const ActionBody = v.object({
	action: v.picklist(AGENT_ACTIONS, 'Cette action est inconnue.'),
	comment: note('Commentaire'),
	message: note('Pièces demandées'),
	reason: note('Motif'),
	version: v.optional(
		v.pipe(
			v.number('La version de la demande doit être un nombre.'),
			v.integer('La version de la demande doit être un entier.')
		)
	)
});
type ActionInput = v.InferOutput<typeof ActionBody>;

const agentName = (u: SessionUser) => `${u.firstNames} ${u.lastName}`.trim();
const orNull = (s: string | undefined) => (s ? s : null);

function checkFields(input: ActionInput): void {
	if (input.action === 'ask-pieces' && !input.message)
		throw new ApiError(400, 'validation', MESSAGE_REQUIRED, { message: MESSAGE_REQUIRED });
	if (input.action === 'refuse' && !input.reason)
		throw new ApiError(400, 'validation', REASON_REQUIRED, { reason: REASON_REQUIRED });
}

/** The household's status document after the action (history entry, reason, pieces asked). */
function nextStatusDoc(
	deps: AppDeps,
	req: RequestRow,
	to: RequestStatus,
	input: ActionInput,
	by: string,
	at: string
) {
	const current = readStoredDoc(deps.db, req.household_id, statusDocId(req.doc_id))?.body ?? {
		type: 'status',
		subjectId: req.doc_id,
		subjectType: req.type,
		requestNumber: req.number,
		history: []
	};
	const {
		reason: _reason,
		piecesRequested: _pieces,
		...rest
	} = current as Record<string, unknown> & { reason?: unknown; piecesRequested?: unknown };
	const history = Array.isArray(current.history) ? (current.history as { at?: unknown }[]) : [];
	// Never before the previous step, even if the server's clock went back (history is ordered).
	const last = history.at(-1)?.at;
	const entry = {
		status: to,
		at: typeof last === 'string' && last > at ? last : at,
		by,
		...(input.comment ? { comment: input.comment } : {}),
		...(input.message && input.action === 'ask-pieces' ? { message: input.message } : {})
	};
	const ends = input.action === 'refuse' || input.action === 'close';
	return v.parse(StatusDoc, {
		...rest,
		status: to,
		history: [...history, entry],
		...(ends && input.reason ? { reason: input.reason } : {}),
		...(to === REQUEST_STATUS.piecesRequested ? { piecesRequested: input.message } : {})
	});
}

/** Applies the action; returns the new status and version. Throws ApiError (400/404/409). */
export function applyAgentAction(
	deps: AppDeps,
	user: SessionUser,
	numberParam: string | undefined,
	input: ActionInput
): { status: RequestStatus; version: number } {
	const { db, clock } = deps;
	const req = findRequest(db, numberParam);
	checkFields(input);
	const action: AgentAction = input.action;
	const next = nextStatus(req.status, action);
	if (!next.ok) throw new ApiError(409, 'not_allowed', next.reason);
	// The version the agent saw (or the one just read): the UPDATE below only applies to it, so of
	// two agents acting on the same version — in this process or another — exactly one wins.
	const seen = input.version ?? req.version;
	const now = clock.now();
	const at = new Date(now).toISOString();
	const by = agentName(user);
	const host = syncHostFor(deps);
	const referent = referentOf(db, req.household_id);
	const typeLabel = REQUEST_TYPE_LABELS[req.type] ?? req.type;
	db.transaction(() => {
		const updated = db
			.prepare(
				'UPDATE requests SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?'
			)
			.run(next.status, at, req.id, seen);
		if (updated.changes === 0) throw new ApiError(409, 'stale', STALE_VERSION);
		host.requestChanged({
			requestId: req.id,
			number: req.number,
			action,
			status: next.status,
			actorId: user.id,
			actorName: by,
			comment: orNull(input.comment),
			message: action === 'ask-pieces' ? orNull(input.message) : null,
			reason: action === 'refuse' || action === 'close' ? orNull(input.reason) : null
		});
		const status = nextStatusDoc(deps, req, next.status, input, by, at);
		const [written] = writeHouseholdDocs(host, req.household_id, [
			{ ...status, _id: statusDocId(req.doc_id) }
		]);
		if (!written || !('ok' in written))
			throw new Error(
				`svc:status refused: ${written && 'reason' in written ? written.reason : ''}`
			);
		if (action === 'ask-pieces') {
			const sent = sendFamilyMessage(deps, req.household_id, {
				title: `Pièces demandées pour votre demande n° ${req.number}`,
				body: input.message!,
				subjectId: req.doc_id
			});
			if (!sent.ok) throw new ApiError(400, 'validation', sent.reason);
		}
		if (referent)
			enqueueMail(
				db,
				requestStatusMail(
					referent.email,
					{ civility: referent.civility, lastName: referent.last_name },
					{
						number: req.number,
						typeLabel,
						status: next.status,
						message: action === 'ask-pieces' ? input.message : null,
						reason: action === 'refuse' || action === 'close' ? input.reason : null,
						link: `${deps.config.publicUrl}/espace/demandes/${parseDocId(req.doc_id)?.uuid ?? ''}`
					}
				),
				now
			);
		audit(
			db,
			{
				actorId: user.id,
				action: 'request.action',
				householdId: req.household_id,
				detail: { number: req.number, action, status: next.status }
			},
			now
		);
	})();
	deps.kickOutbox();
	return { status: next.status, version: seen + 1 };
}

export const actionRoutes = new Hono<AppEnv>().post(
	'/requests/:number{[0-9]+}/actions',
	async (c) => {
		const input = await parseJson(c, ActionBody);
		const result = applyAgentAction(c.var.deps, c.var.user!, c.req.param('number'), input);
		return c.json(result, 200);
	}
);
