// The commission's proposal (issue 10): files in descending score, each given its best-ranked
// choice that still has a place in its age group; the others wait, ranked per structure. Agents'
// adjustments (assign, hold, waiting list, refuse) come first. Deterministic: the same input
// gives the same result (ties: request date, then number). Pure TypeScript.
import { AGE_GROUPS, type AgeGroup } from './structures';

export interface ProposalFile {
	requestId: string;
	number: number;
	score: number;
	/** ISO timestamp of the submission: the first tie-break. */
	submittedAt: string;
	/** The child's age group at the entry date. */
	ageGroup: AgeGroup;
	/** Structure ids, best first. */
	choices: readonly string[];
}

/** Places per structure and age group. */
export type Capacity = Record<string, Record<AgeGroup, number>>;

export const ADJUSTMENT_KINDS = ['assign', 'hold', 'waitlist', 'refuse'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
export const ADJUSTMENT_LABELS: Record<AdjustmentKind, string> = {
	assign: 'Attribuer une place',
	hold: 'Ajourner (examiné à une prochaine commission)',
	waitlist: 'Inscrire en liste d’attente',
	refuse: 'Refuser'
};

export interface Adjustment {
	requestId: string;
	kind: AdjustmentKind;
	/** `assign`: the structure. */
	structureId?: string | null;
	reason: string;
}

export type Outcome = 'offer' | 'waitlist' | 'refuse' | 'hold';

export interface ProposalDecision {
	requestId: string;
	number: number;
	/** 1 = best score (after tie-breaks). */
	order: number;
	outcome: Outcome;
	/** `offer`: the structure offered. */
	structureId: string | null;
	ageGroup: AgeGroup;
	/** 1..3: which of the family's choices is offered; null when assigned outside them. */
	choiceRank: number | null;
	/** Decided by an agent's adjustment. */
	manual: boolean;
	reason: string | null;
}

export interface WaitlistEntry {
	structureId: string;
	ageGroup: AgeGroup;
	requestId: string;
	/** 1 = next to be offered a place freed in that structure and age group. */
	rank: number;
}

export interface Proposal {
	decisions: ProposalDecision[];
	waitlist: WaitlistEntry[];
	/** Capacity minus the places offered (negative never: an assign needs a place). */
	placesLeft: Capacity;
}

/** Score descending, then the earlier request, then the smaller number. */
export function compareFiles(a: ProposalFile, b: ProposalFile): number {
	if (a.score !== b.score) return b.score - a.score;
	if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
	return a.number - b.number;
}

function copyCapacity(capacity: Capacity): Capacity {
	const out: Capacity = {};
	for (const [id, groups] of Object.entries(capacity)) out[id] = { ...groups };
	return out;
}

const left = (places: Capacity, structureId: string, group: AgeGroup) =>
	places[structureId]?.[group] ?? 0;

/** The proposal for these files, places and adjustments. */
export function computeProposal(
	files: readonly ProposalFile[],
	capacity: Capacity,
	/** In the order the agents made them (the earlier assignment keeps its place). */
	adjustments: readonly Adjustment[] = []
): Proposal {
	const ordered = [...files].sort(compareFiles);
	const places = copyCapacity(capacity);
	const decided = new Map<string, ProposalDecision>();
	const base = (f: ProposalFile, order: number) => ({
		requestId: f.requestId,
		number: f.number,
		order,
		ageGroup: f.ageGroup
	});
	const rankOf = (f: ProposalFile, structureId: string) => {
		const i = f.choices.indexOf(structureId);
		return i < 0 ? null : i + 1;
	};

	// Agents' decisions first, in the order they were made: an assignment takes its place before
	// any automatic one (one made when no place is left is ignored: the file is decided below).
	const orderOf = new Map(ordered.map((f, i) => [f.requestId, i + 1]));
	const fileOf = new Map(ordered.map((f) => [f.requestId, f]));
	for (const adj of adjustments) {
		const f = fileOf.get(adj.requestId);
		if (!f || decided.has(f.requestId)) continue;
		const manual = { ...base(f, orderOf.get(f.requestId)!), manual: true, reason: adj.reason };
		if (adj.kind === 'assign') {
			const sid = adj.structureId;
			if (!sid || left(places, sid, f.ageGroup) <= 0) continue;
			places[sid]![f.ageGroup] -= 1;
			decided.set(f.requestId, {
				...manual,
				outcome: 'offer',
				structureId: sid,
				choiceRank: rankOf(f, sid)
			});
		} else {
			decided.set(f.requestId, {
				...manual,
				outcome: adj.kind,
				structureId: null,
				choiceRank: null
			});
		}
	}

	// Then every other file, best score first: its best-ranked choice with a place left.
	ordered.forEach((f, i) => {
		if (decided.has(f.requestId)) return;
		const sid = f.choices.find((s) => left(places, s, f.ageGroup) > 0);
		if (sid) places[sid]![f.ageGroup] -= 1;
		decided.set(f.requestId, {
			...base(f, i + 1),
			outcome: sid ? 'offer' : 'waitlist',
			structureId: sid ?? null,
			choiceRank: sid ? rankOf(f, sid) : null,
			manual: false,
			reason: null
		});
	});

	// Waiting lists: per structure chosen and age group, in score order.
	const waitlist: WaitlistEntry[] = [];
	const counters = new Map<string, number>();
	for (const f of ordered) {
		if (decided.get(f.requestId)!.outcome !== 'waitlist') continue;
		for (const sid of f.choices) {
			const key = `${sid}\u0000${f.ageGroup}`;
			const rank = (counters.get(key) ?? 0) + 1;
			counters.set(key, rank);
			waitlist.push({ structureId: sid, ageGroup: f.ageGroup, requestId: f.requestId, rank });
		}
	}
	return {
		decisions: ordered.map((f) => decided.get(f.requestId)!),
		waitlist,
		placesLeft: places
	};
}

export const NO_PLACE_LEFT = (structure: string, group: string) =>
	`Plus aucune place en section ${group} à « ${structure} » pour cette commission : libérez-en une d’abord.`;

/**
 * Null when the agent's adjustment `next` can apply with the other adjustments (an assignment
 * needs a place left in the file's age group, the other agents' assignments counted first); else
 * the French reason. `names` labels the structure and age group in the message.
 */
export function assignProblem(
	files: readonly ProposalFile[],
	capacity: Capacity,
	adjustments: readonly Adjustment[],
	next: Adjustment,
	names: { structure: string; group: string }
): string | null {
	if (next.kind !== 'assign') return null;
	const others = adjustments.filter((a) => a.requestId !== next.requestId);
	const { decisions } = computeProposal(files, capacity, [...others, next]);
	const mine = decisions.find((d) => d.requestId === next.requestId);
	return mine?.manual && mine.structureId === next.structureId
		? null
		: NO_PLACE_LEFT(names.structure, names.group);
}

/** An empty capacity for these structures (0 everywhere). */
export function emptyCapacity(structureIds: readonly string[]): Capacity {
	const out: Capacity = {};
	for (const id of structureIds)
		out[id] = Object.fromEntries(AGE_GROUPS.map((g) => [g, 0])) as Record<AgeGroup, number>;
	return out;
}
