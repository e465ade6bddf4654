// The shapes of the commission's staff API (contracts10.md, helpers PLAN and SESSION), as the
// desk's screens read them; the grid and the proposal's own types come from the domain.
import type { AgeGroup } from '$domain/structures';
import type { RequestStatus } from '$domain/request-status';
import type {
	Criterion,
	CriterionRule,
	CriterionSource,
	ScoreLine
} from '$domain/commission-score';
import type { AdjustmentKind, ProposalDecision, WaitlistEntry } from '$domain/commission-proposal';

export type { AdjustmentKind, Criterion, ScoreLine };

export type SessionState = 'planned' | 'closed';

export interface CommissionSession {
	/** commission_sessions.id (TEXT). */
	id: string;
	/** Calendar days « 2027-03-15 ». */
	date: string;
	periodStart: string;
	periodEnd: string;
	reminderDays: number;
	state: SessionState;
	gridVersion: number | null;
	remindedAt: string | null;
	closedAt: string | null;
	members: string | null;
	eligible: number;
}

export interface SessionInput {
	date: string;
	periodStart: string;
	periodEnd: string;
	reminderDays?: number;
}

export interface CommissionSettings {
	offerDeadlineDays: number;
	reminderDays: number;
}

export interface CriterionRuleInfo {
	rule: CriterionRule;
	source: CriterionSource;
	label: string;
}

export interface Grid {
	version: number;
	createdAt: string;
	note: string | null;
	criteria: Criterion[];
	rules: CriterionRuleInfo[];
}

export interface GridInput {
	criteria: Criterion[];
	note?: string;
}

export type AgeCounts = Record<AgeGroup, number>;

export interface StructureCapacity extends AgeCounts {
	structureId: string;
	name: string;
}

export interface CommissionFile {
	number: number;
	requestId: string;
	docUuid: string;
	status: RequestStatus;
	family: { lastName: string; firstNames: string };
	child: { firstNames: string; lastName: string; birthDate: string | null };
	ageGroup: AgeGroup;
	wishedDate: string;
	startDate: string;
	submittedAt: string;
	choices: { rank: number; structureId: string; name: string }[];
	score: number;
	lines: ScoreLine[];
	confirmed: boolean;
	flagged: boolean;
	checks: Record<string, boolean>;
}

/** A decision of the proposal (or a frozen one), with the structure's name. */
export interface Decision extends ProposalDecision {
	structureName: string | null;
}

export interface WaitlistRow extends WaitlistEntry {
	/** The request's number (null if the server could not tell). */
	number?: number | null;
	structureName: string;
}

export interface PlacesLeft extends AgeCounts {
	structureId: string;
	name: string;
	capacity: AgeCounts;
}

export interface AdjustmentRow {
	number: number;
	kind: AdjustmentKind;
	structureId: string | null;
	reason: string;
	byName: string;
	at: string;
}

export interface SessionFiles {
	session: CommissionSession;
	gridVersion: number;
	criteria: Criterion[];
	items: CommissionFile[];
	decisions: Decision[];
	waitlist: WaitlistRow[];
	placesLeft: PlacesLeft[];
	adjustments: AdjustmentRow[];
	closed: boolean;
	/** A closed session whose answers are still being sent to the families. */
	applying?: { done: number; total: number };
}

export interface AdjustmentInput {
	kind: AdjustmentKind;
	structureId?: string | null;
	reason: string;
}

export interface CloseResult {
	closed: true;
	offers: number;
	waitlisted: number;
	refused: number;
	held: number;
	/** Decisions applied to the families / decided (202 when some are left to the resume job). */
	applied: number;
	total: number;
}

export interface SessionStats {
	sessionId: string;
	date: string;
	requests: number;
	places: number;
	offers: number;
	acceptances: number;
	medianWaitDays: number | null;
}
