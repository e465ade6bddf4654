// What the session's screen reads (GET …/sessions/:id/files): the eligible files with their score
// explained line by line, the proposal the server computes (with the agents' adjustments), the
// places left per structure and age group; for a closed session, its frozen decisions.
import {
	computeProposal,
	type Adjustment,
	type AdjustmentKind,
	type ProposalDecision,
	type ProposalFile,
	type WaitlistEntry
} from '../../src/lib/domain/commission-proposal';
import { scoreFile, type Criterion, type ScoreLine } from '../../src/lib/domain/commission-score';
import { AGE_GROUPS, type AgeGroup } from '../../src/lib/domain/structures';
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { decidedRequests, eligibleRequests, sessionFilesOf, type SessionFile } from './eligible';
import { applyProgress } from './apply';
import { capacitiesOf, type Capacity } from './capacities';
import { gridInForce, gridVersion } from './grid';
import { SESSION_NOT_FOUND, sessionById, type CommissionSessionRecord } from './sessions';

export function requireSession(db: Db, id: string): CommissionSessionRecord {
	const s = sessionById(db, id);
	if (!s) throw new ApiError(404, 'not_found', SESSION_NOT_FOUND);
	return s;
}

export interface ScoredFile extends SessionFile {
	score: number;
	lines: ScoreLine[];
}

export interface AdjustmentRow {
	requestId: string;
	number: number;
	kind: AdjustmentKind;
	structureId: string | null;
	reason: string;
	byName: string;
	at: string;
}

export function adjustmentsOf(db: Db, sessionId: string): AdjustmentRow[] {
	return (
		db
			.prepare(
				`SELECT a.request_id, r.number, a.kind, a.structure_id, a.reason, a.by_name, a.at
				 FROM commission_adjustments a JOIN requests r ON r.id = a.request_id
				 WHERE a.session_id = ? ORDER BY a.at, r.number`
			)
			.all(sessionId) as {
			request_id: string;
			number: number;
			kind: AdjustmentKind;
			structure_id: string | null;
			reason: string;
			by_name: string;
			at: number;
		}[]
	).map((a) => ({
		requestId: a.request_id,
		number: a.number,
		kind: a.kind,
		structureId: a.structure_id,
		reason: a.reason,
		byName: a.by_name,
		at: new Date(a.at).toISOString()
	}));
}

export const toProposalFile = (f: ScoredFile): ProposalFile => ({
	requestId: f.request.id,
	number: f.request.number,
	score: f.score,
	submittedAt: f.request.submitted_at,
	ageGroup: f.ageGroup,
	choices: f.facts.choices
});

export const toAdjustment = (a: AdjustmentRow): Adjustment => ({
	requestId: a.requestId,
	kind: a.kind,
	structureId: a.structureId,
	reason: a.reason
});

/** The live state of a planned session: its scored files and the proposal. */
export function liveProposal(db: Db, session: CommissionSessionRecord, now: number) {
	const grid = gridInForce(db, now);
	const files: ScoredFile[] = sessionFilesOf(db, session, eligibleRequests(db, session)).map(
		(f) => {
			const { total, lines } = scoreFile(grid.criteria, f.facts, session.date);
			return { ...f, score: total, lines };
		}
	);
	const ids = new Set(files.map((f) => f.request.id));
	const adjustments = adjustmentsOf(db, session.id).filter((a) => ids.has(a.requestId));
	const capacity = capacitiesOf(db, session.id);
	const proposal = computeProposal(
		files.map(toProposalFile),
		capacity,
		adjustments.map((a): Adjustment => ({
			requestId: a.requestId,
			kind: a.kind,
			structureId: a.structureId,
			reason: a.reason
		}))
	);
	return { grid, files, adjustments, capacity, proposal };
}

interface StructureRow {
	id: string;
	name: string;
	active: number;
}

export function structureNames(db: Db): Map<string, string> {
	const rows = db
		.prepare('SELECT id, name, active FROM structures ORDER BY position')
		.all() as StructureRow[];
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** A closed session's frozen decisions, as the proposal's shape. */
function frozen(db: Db, session: CommissionSessionRecord) {
	const grid = gridVersion(db, session.gridVersion ?? 0) ?? gridInForce(db);
	const rows = db
		.prepare(
			`SELECT request_id, outcome, structure_id, age_group, score, score_lines, reason, manual
			 FROM commission_decisions WHERE session_id = ?`
		)
		.all(session.id) as {
		request_id: string;
		outcome: ProposalDecision['outcome'];
		structure_id: string | null;
		age_group: AgeGroup;
		score: number;
		score_lines: string;
		reason: string | null;
		manual: number;
	}[];
	const byRequest = new Map(rows.map((r) => [r.request_id, r]));
	const files: ScoredFile[] = sessionFilesOf(db, session, decidedRequests(db, session.id)).map(
		(f) => {
			const d = byRequest.get(f.request.id)!;
			return {
				...f,
				ageGroup: d.age_group ?? f.ageGroup,
				score: d.score,
				lines: JSON.parse(d.score_lines) as ScoreLine[]
			};
		}
	);
	const sorted = [...files].sort(
		(a, b) =>
			b.score - a.score ||
			a.request.submitted_at.localeCompare(b.request.submitted_at) ||
			a.request.number - b.request.number
	);
	const decisions: ProposalDecision[] = sorted.map((f, i) => {
		const d = byRequest.get(f.request.id)!;
		const rank = d.structure_id ? f.facts.choices.indexOf(d.structure_id) : -1;
		return {
			requestId: f.request.id,
			number: f.request.number,
			order: i + 1,
			outcome: d.outcome,
			structureId: d.structure_id,
			ageGroup: f.ageGroup,
			choiceRank: rank >= 0 ? rank + 1 : null,
			manual: d.manual === 1,
			reason: d.reason
		};
	});
	const waitlist = (
		db
			.prepare(
				`SELECT structure_id, age_group, request_id, rank FROM commission_waitlist
				 WHERE session_id = ? ORDER BY structure_id, age_group, rank`
			)
			.all(session.id) as {
			structure_id: string;
			age_group: AgeGroup;
			request_id: string;
			rank: number;
		}[]
	).map((w): WaitlistEntry => ({
		structureId: w.structure_id,
		ageGroup: w.age_group,
		requestId: w.request_id,
		rank: w.rank
	}));
	const capacity = capacitiesOf(db, session.id);
	const placesLeft: Capacity = structuredClone(capacity);
	for (const d of decisions)
		if (d.outcome === 'offer' && d.structureId) {
			placesLeft[d.structureId] ??= { babies: 0, toddlers: 0, older: 0 };
			placesLeft[d.structureId]![d.ageGroup] -= 1;
		}
	return {
		grid,
		files,
		adjustments: adjustmentsOf(db, session.id),
		capacity,
		proposal: { decisions, waitlist, placesLeft }
	};
}

const groups = (c: Record<AgeGroup, number> | undefined) =>
	Object.fromEntries(AGE_GROUPS.map((g) => [g, c?.[g] ?? 0])) as Record<AgeGroup, number>;

/** The body of GET files (and of an adjustment's answer). */
export function sessionFilesBody(db: Db, sessionId: string, now: number) {
	const session = requireSession(db, sessionId);
	const closed = session.state === 'closed';
	const state = closed ? frozen(db, session) : liveProposal(db, session, now);
	const names = structureNames(db);
	const name = (id: string | null) => (id ? (names.get(id) ?? id) : null);
	const active = (
		db.prepare('SELECT id FROM structures WHERE active = 1 ORDER BY position').all() as {
			id: string;
		}[]
	).map((r) => r.id);
	const listed = [...new Set([...active, ...Object.keys(state.capacity)])];
	const numberOf = new Map(state.files.map((f) => [f.request.id, f.request.number]));
	return {
		session: { ...session, eligible: state.files.length },
		gridVersion: closed ? session.gridVersion : state.grid.version,
		criteria: state.grid.criteria satisfies Criterion[],
		items: state.files.map((f) => ({
			number: f.request.number,
			requestId: f.request.id,
			docUuid: f.docUuid,
			status: f.request.status,
			family: f.family,
			child: {
				firstNames: f.child.firstNames,
				lastName: f.child.lastName,
				birthDate: f.child.birthDate
			},
			ageGroup: f.ageGroup,
			wishedDate: f.wishedDate,
			startDate: f.startDate,
			submittedAt: f.request.submitted_at,
			choices: f.facts.choices.map((id, i) => ({ rank: i + 1, structureId: id, name: name(id) })),
			score: f.score,
			lines: f.lines,
			confirmed: f.confirmed,
			flagged: f.flagged,
			checks: f.facts.checks
		})),
		decisions: state.proposal.decisions.map((d) => ({ ...d, structureName: name(d.structureId) })),
		waitlist: state.proposal.waitlist.map((w) => ({
			...w,
			number: numberOf.get(w.requestId) ?? null,
			structureName: name(w.structureId)
		})),
		placesLeft: listed.map((id) => ({
			structureId: id,
			name: name(id),
			...groups(state.proposal.placesLeft[id]),
			capacity: groups(state.capacity[id])
		})),
		adjustments: state.adjustments.map((a) => ({
			number: a.number,
			kind: a.kind,
			structureId: a.structureId,
			reason: a.reason,
			byName: a.byName,
			at: a.at
		})),
		closed,
		// A closed session whose answers are still being sent to the families (apply.ts).
		...(closed ? applyingOf(db, session.id) : {})
	};
}

function applyingOf(db: Db, sessionId: string): { applying?: { done: number; total: number } } {
	const progress = applyProgress({ db }, sessionId);
	return progress.done < progress.total ? { applying: progress } : {};
}
