// The second step of a session's close: each frozen decision (commission_decisions, applied_at
// NULL) APPLIED to its family — a place offered (makeOffer), the waiting list with its ranks, or the
// refusal with its reason (request status, history event, svc:status, mail, audit). At most
// CHUNK decisions per transaction, each marked applied in the transaction of its effects, and the
// event loop gets the hand between chunks: the rest of the server (families' sync, agents) is
// served meanwhile. A process dying mid-way leaves the rest unapplied; the resume job (at start and
// every minute) finishes it: every family gets its answer exactly once.
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { nextStatus, type RequestAction } from '../../src/lib/domain/request-status';
import type { AgeGroup } from '../../src/lib/domain/structures';
import { audit } from '../audit/audit';
import type { Clock } from '../clock';
import type { RequestRow } from '../desk/request-file';
import type { AppDeps } from '../http/env';
import { syncHostFor } from '../sync-host';
import { applyOutcome } from './decide';
import { makeOffer } from './offers';
import { structureNames } from './prepare';
import { statement } from './statements';

/** Decisions applied per transaction: short enough for the server to answer others in between. */
export const APPLY_CHUNK = 50;

/** Test seams: the chunk size, and a hook run after each committed chunk (1-based). */
export const applyHooks: { chunk: number; afterChunk: ((n: number) => void) | null } = {
	chunk: APPLY_CHUNK,
	afterChunk: null
};

interface PendingDecision extends RequestRow {
	outcome: 'offer' | 'waitlist' | 'refuse' | 'hold';
	structure_id: string | null;
	age_group: AgeGroup;
	start_date: string | null;
	reason: string | null;
	manual: number;
}

interface SessionOfDecisions {
	id: string;
	date: string;
	closed_by: string | null;
	by_name: string | null;
}

const ACTIONS: Record<PendingDecision['outcome'], RequestAction | null> = {
	offer: 'offer',
	waitlist: 'waitlist',
	refuse: 'refuse',
	hold: null
};

const PENDING_SQL = `SELECT r.id, r.number, r.household_id, r.doc_id, r.type, r.status, r.submitted_at,
	r.updated_at, r.version, d.outcome, d.structure_id, d.age_group, d.start_date, d.reason, d.manual
	FROM commission_decisions d JOIN requests r ON r.id = d.request_id
	WHERE d.session_id = ? AND d.applied_at IS NULL ORDER BY d.rowid LIMIT ?`;

export interface ApplyProgress {
	done: number;
	total: number;
}

/** How many of the session's decisions are applied. */
export function applyProgress(deps: Pick<AppDeps, 'db'>, sessionId: string): ApplyProgress {
	const row = statement(
		deps.db,
		`SELECT count(*) AS total, count(applied_at) AS done FROM commission_decisions WHERE session_id = ?`
	).get(sessionId) as { total: number; done: number };
	return { done: row.done, total: row.total };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Applies one chunk of the session's unapplied decisions; returns how many it applied. */
function applyChunk(deps: AppDeps, session: SessionOfDecisions, size: number): number {
	const { db } = deps;
	return db.transaction(() => {
		// Read inside the transaction: a concurrent run (the job, the close) never applies twice.
		const pending = statement(db, PENDING_SQL).all(session.id, size) as PendingDecision[];
		if (pending.length === 0) return 0;
		const now = deps.clock.now();
		const host = syncHostFor(deps);
		const names = structureNames(db);
		const by = session.closed_by ? { id: session.closed_by, name: session.by_name ?? '' } : null;
		const ranksOf = statement(
			db,
			`SELECT structure_id, rank FROM commission_waitlist WHERE request_id = ? AND session_id = ?
			 ORDER BY rank, structure_id`
		);
		const markApplied = statement(
			db,
			'UPDATE commission_decisions SET applied_at = ? WHERE session_id = ? AND request_id = ?'
		);
		const day = frenchLongDay(session.date);
		for (const d of pending) {
			// A request whose status moved since the freeze (an agent acted between two chunks) is
			// left as it is, logged: its decision counts as applied, the others go on.
			const action = ACTIONS[d.outcome];
			const allowed = action ? nextStatus(d.status, action) : null;
			if (allowed && !allowed.ok)
				console.warn(
					`[commission] decision for request ${d.number} not applied: ${allowed.reason}`
				);
			else applyOne(deps, host, session, by, names, ranksOf, day, d, now);
			markApplied.run(now, session.id, d.id);
		}
		return pending.length;
	})();
}

function applyOne(
	deps: AppDeps,
	host: ReturnType<typeof syncHostFor>,
	session: SessionOfDecisions,
	by: { id: string; name: string } | null,
	names: Map<string, string>,
	ranksOf: ReturnType<typeof statement>,
	day: string,
	d: PendingDecision,
	now: number
): void {
	const req: RequestRow = d;
	if (d.outcome === 'offer' && d.structure_id) {
		makeOffer(deps, {
			requestId: req.id,
			sessionId: session.id,
			structureId: d.structure_id,
			ageGroup: d.age_group,
			startDate: d.start_date ?? '',
			source: 'session',
			by
		});
	} else if (d.outcome === 'waitlist') {
		const ranks = (ranksOf.all(req.id, session.id) as { structure_id: string; rank: number }[]).map(
			(w) => ({
				structureId: w.structure_id,
				structureName: names.get(w.structure_id) ?? w.structure_id,
				rank: w.rank
			})
		);
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
							text: `La commission d’attribution du ${day} n’a pas pu vous proposer de place : votre demande n° ${req.number} est inscrite en liste d’attente.`
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
							text: `La commission d’attribution du ${day} a refusé votre demande n° ${req.number}.`
						},
						{ text: `Motif : ${reason}` }
					]
				}
			},
			now
		);
	}
	audit(
		deps.db,
		{
			actorId: by?.id ?? null,
			action: 'commission.decision',
			householdId: req.household_id,
			detail: {
				sessionId: session.id,
				number: req.number,
				outcome: d.outcome,
				structureId: d.structure_id,
				manual: d.manual === 1,
				reason: d.reason
			}
		},
		now
	);
}

/** Sessions being applied by this process: one runner per session at a time. */
const running = new WeakMap<AppDeps['db'], Set<string>>();

/**
 * Applies every unapplied decision of the session, chunk by chunk, yielding to the event loop
 * between chunks. Returns the progress at the end ({done, total}).
 */
export async function applySession(deps: AppDeps, sessionId: string): Promise<ApplyProgress> {
	const { db } = deps;
	let mine = running.get(db);
	if (!mine) running.set(db, (mine = new Set()));
	// Another runner is on it (the job ticking while the close applies): it finishes the session.
	if (mine.has(sessionId)) return applyProgress(deps, sessionId);
	mine.add(sessionId);
	try {
		const session = statement(
			db,
			`SELECT s.id, s.date, s.closed_by, trim(u.first_names || ' ' || u.last_name) AS by_name
			 FROM commission_sessions s LEFT JOIN users u ON u.id = s.closed_by WHERE s.id = ?`
		).get(sessionId) as SessionOfDecisions | undefined;
		if (!session) return { done: 0, total: 0 };
		let chunks = 0;
		for (;;) {
			const applied = applyChunk(deps, session, applyHooks.chunk);
			if (applied === 0) break;
			chunks++;
			deps.kickOutbox();
			applyHooks.afterChunk?.(chunks);
			await yieldToEventLoop();
		}
		return applyProgress(deps, sessionId);
	} finally {
		mine.delete(sessionId);
	}
}

/** The resume job's pass: every session with unapplied decisions is finished. */
export async function runCommissionApply(deps: AppDeps): Promise<number> {
	const sessions = deps.db
		.prepare('SELECT DISTINCT session_id AS id FROM commission_decisions WHERE applied_at IS NULL')
		.all() as { id: string }[];
	for (const s of sessions) await applySession(deps, s.id);
	return sessions.length;
}

export interface CommissionApplyJob {
	tick(): Promise<number>;
	stop(): void;
}

/** At start and every minute: finishes closes a dead process left half applied. */
export function startCommissionApply(
	deps: AppDeps,
	_clock?: Clock,
	{ intervalMs = 60_000 }: { intervalMs?: number } = {}
): CommissionApplyJob {
	const tick = () => runCommissionApply(deps);
	const safeTick = () =>
		void tick().catch((error) => console.error('[commission] applying decisions failed', error));
	safeTick();
	const timer = setInterval(safeTick, intervalMs);
	timer.unref();
	return { tick, stop: () => clearInterval(timer) };
}
