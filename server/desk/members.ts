// The household file (issue 9 item 5): an agent validates or refuses each member declared in an
// entourage declaration. One transaction writes the decision (member_decisions), the household
// file's row (household_members, validated members only), an audit row and the request's
// `svc:status` document (`members: {[memberId]: {decision, reason?}}`), which the parent's device
// pulls: « Validé » / « Refusé » next to the member, and a validated child offered by the
// pre-registration.
import { Hono } from 'hono';
import * as v from 'valibot';
import { FINAL_REQUEST_STATUSES, type RequestStatus } from '../../src/lib/domain/request-status';
import {
	StatusDoc,
	statusDocId,
	type MemberDecision
} from '../../src/lib/domain/service-documents';
import { readHouseholdDoc, writeHouseholdDocs } from '../../sync/server/service-writes';
import { audit } from '../audit/audit';
import { syncHostFor } from '../sync-host';
import { deskMembers, type DeskMember } from './request-file';
import type { AppDeps, AppEnv, SessionUser } from '../http/env';
import { ApiError, parseJson } from '../http/errors';

export const REQUEST_NOT_FOUND = 'Cette demande n’existe pas.';
export const MEMBER_NOT_FOUND = 'Ce membre n’est pas déclaré dans cette demande.';
export const NOT_AN_ENTOURAGE =
	'Seules les déclarations d’entourage ont des membres à valider : cette demande n’en est pas une.';
export const REQUEST_CLOSED = (status: string) =>
	`La demande est « ${status} » : ses membres ne peuvent plus être validés ni refusés.`;
export const REFUSAL_REASON_REQUIRED = 'Le motif du refus est obligatoire.';

const DecisionBody = v.pipe(
	v.object({
		decision: v.picklist(
			['validated', 'refused'],
			'La décision doit être « validated » (valider) ou « refused » (refuser).'
		),
		reason: v.optional(
			v.pipe(
				v.string('Le motif doit être un texte.'),
				v.trim(),
				v.maxLength(2000, 'Le motif ne peut pas dépasser 2 000 caractères.')
			)
		)
	}),
	v.forward(
		v.check((b) => b.decision !== 'refused' || !!b.reason, REFUSAL_REASON_REQUIRED),
		['reason']
	)
);

interface RequestRow {
	id: string;
	number: number;
	household_id: string;
	doc_id: string;
	doc_rev: string | null;
	type: string;
	status: RequestStatus;
	submitted_at: string;
}

const str = (x: unknown) => (typeof x === 'string' ? x : '');
const orNull = (x: unknown) => (typeof x === 'string' && x ? x : null);

/** The members of the declaration as it was submitted (the request's revision). */
function declaredMembers(deps: AppDeps, r: RequestRow): Record<string, unknown>[] {
	const doc = readHouseholdDoc(deps, r.household_id, r.doc_id, r.doc_rev);
	return Array.isArray(doc?.members) ? (doc.members as Record<string, unknown>[]) : [];
}

const SELECT_REQUEST =
	'SELECT id, number, household_id, doc_id, doc_rev, type, status, submitted_at FROM requests';

/**
 * Records the decision on one member; answers the household's members exactly as the detail
 * shows them (DeskMember). Throws ApiError 404/409 (French) when it cannot.
 */
export function decideMember(
	deps: AppDeps,
	agent: SessionUser,
	number: number,
	memberId: string,
	decision: { decision: 'validated' | 'refused'; reason?: string }
): DeskMember[] {
	const { db } = deps;
	const at = new Date(deps.clock.now()).toISOString();
	return db.transaction(() => {
		const r = db.prepare(`${SELECT_REQUEST} WHERE number = ?`).get(number) as
			RequestRow | undefined;
		if (!r) throw new ApiError(404, 'not_found', REQUEST_NOT_FOUND);
		if (r.type !== 'entourage') throw new ApiError(409, 'not_entourage', NOT_AN_ENTOURAGE);
		if (FINAL_REQUEST_STATUSES.includes(r.status))
			throw new ApiError(409, 'request_closed', REQUEST_CLOSED(r.status));
		const member = declaredMembers(deps, r).find((m) => m.id === memberId);
		if (!member) throw new ApiError(404, 'not_found', MEMBER_NOT_FOUND);
		const reason = decision.decision === 'refused' ? (decision.reason ?? null) : null;

		db.prepare(
			`INSERT INTO member_decisions (request_id, member_id, decision, reason, decided_by, decided_at)
			 VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT (request_id, member_id) DO UPDATE SET decision = excluded.decision,
			 reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at`
		).run(r.id, memberId, decision.decision, reason, agent.id, at);
		if (decision.decision === 'validated') {
			const toBeBorn = member.toBeBorn === true;
			db.prepare(
				`INSERT INTO household_members (household_id, member_id, role, civility, last_name, first_names,
				   birth_date, expected_birth_date, relationship, source_doc_id, request_id, decided_by, decided_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (household_id, member_id) DO UPDATE SET role = excluded.role,
				   civility = excluded.civility, last_name = excluded.last_name, first_names = excluded.first_names,
				   birth_date = excluded.birth_date, expected_birth_date = excluded.expected_birth_date,
				   relationship = excluded.relationship, source_doc_id = excluded.source_doc_id,
				   request_id = excluded.request_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at`
			).run(
				r.household_id,
				memberId,
				str(member.role),
				orNull(member.civility),
				str(member.lastName),
				str(member.firstNames),
				toBeBorn ? null : orNull(member.birthDate),
				toBeBorn ? orNull(member.expectedBirthDate) : null,
				orNull(member.relationship),
				r.doc_id,
				r.id,
				agent.id,
				at
			);
		} else {
			db.prepare(
				'DELETE FROM household_members WHERE household_id = ? AND member_id = ? AND request_id = ?'
			).run(r.household_id, memberId, r.id);
		}
		audit(
			db,
			{
				actorId: agent.id,
				action: 'member.decision',
				householdId: r.household_id,
				detail: { number: r.number, memberId, decision: decision.decision, reason }
			},
			deps.clock.now()
		);
		writeStatus(deps, r, memberId, { decision: decision.decision, reason }, at);
		return deskMembers(db, r.household_id);
	})();
}

/** Rewrites the request's svc:status with the member's decision (schema-checked). */
function writeStatus(
	deps: AppDeps,
	r: RequestRow,
	memberId: string,
	d: { decision: MemberDecision; reason: string | null },
	at: string
): void {
	const id = statusDocId(r.doc_id);
	const current = readHouseholdDoc(deps, r.household_id, id) ?? {
		history: [{ status: r.status, at: r.submitted_at || at }]
	};
	const members = { ...(current.members as Record<string, unknown> | undefined) };
	members[memberId] = d.reason
		? { decision: d.decision, reason: d.reason }
		: { decision: d.decision };
	const doc = v.parse(StatusDoc, {
		...current,
		type: 'status',
		subjectId: r.doc_id,
		subjectType: r.type,
		requestNumber: r.number,
		status: r.status,
		members
	});
	const [res] = writeHouseholdDocs(syncHostFor(deps), r.household_id, [{ ...doc, _id: id }]);
	if (!res || !('ok' in res)) throw new Error(`svc:status of request ${r.number} refused`);
}

export const memberRoutes = new Hono<AppEnv>().post(
	'/requests/:number/members/:memberId',
	async (c) => {
		const number = Number(c.req.param('number'));
		if (!Number.isSafeInteger(number) || number < 1)
			throw new ApiError(404, 'not_found', REQUEST_NOT_FOUND);
		const body = await parseJson(c, DecisionBody);
		const members = decideMember(
			c.get('deps'),
			c.get('user')!,
			number,
			c.req.param('memberId'),
			body
		);
		return c.json({ members });
	}
);
