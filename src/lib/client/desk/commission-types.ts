// The shapes of the commission's staff API (contracts10.md, helpers PLAN and SESSION), as the
// desk's screens read them. Criterion and ScoreLine mirror src/lib/domain/commission-score.ts.
import type { AgeGroup } from '$domain/structures';

export type SessionState = 'planned' | 'closed';

export interface CommissionSession {
	id: number;
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

export type CriterionSource = 'questionnaire' | 'household' | 'seniority' | 'manual';

export interface Criterion {
	id: string;
	label: string;
	points: number;
	source: CriterionSource;
	rule: string;
	maxPoints?: number | null;
}

export interface CriterionRuleInfo {
	rule: string;
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

export interface ScoreLine {
	criterionId: string;
	label: string;
	met: boolean;
	points: number;
	detail: string;
}

export interface CommissionFile {
	number: number;
	requestId: string;
	docUuid: string;
	status: string;
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

export type Outcome = 'offer' | 'waitlist' | 'refuse' | 'hold';
export type AdjustmentKind = 'assign' | 'hold' | 'waitlist' | 'refuse';

export interface Decision {
	requestId: string;
	number: number;
	order: number;
	outcome: Outcome;
	structureId: string | null;
	structureName: string | null;
	ageGroup: AgeGroup;
	choiceRank: number | null;
	manual: boolean;
	reason: string | null;
}

export interface WaitlistRow {
	structureId: string;
	structureName: string;
	ageGroup: AgeGroup;
	requestId: string;
	rank: number;
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
}

export interface SessionStats {
	sessionId: number;
	date: string;
	requests: number;
	places: number;
	offers: number;
	acceptances: number;
	medianWaitDays: number | null;
}
