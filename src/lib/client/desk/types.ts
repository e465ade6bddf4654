// Shapes of the staff desk's JSON answers (/api/agent/*), as contracts9.md fixes them. Written by
// hand (the routes were built in parallel), checked against the detail route's view type below.
import type { AgentAction, RequestStatus } from '$domain/request-status';
import type { decideMember } from '../../../../server/desk/members';
import type { DeskMember } from '../../../../server/desk/request-file';
import type { requestDetail } from '../../../../server/desk/requests-detail';

export type RequestType = 'preinscription' | 'entourage';

export interface PersonName {
	firstNames: string;
	lastName: string;
}

/** One row of GET /api/agent/requests. */
export interface RequestListItem {
	number: number;
	type: RequestType;
	status: RequestStatus;
	submittedAt: string;
	updatedAt: string;
	householdId: string;
	people: PersonName[];
	family: PersonName;
}

export interface RequestPage {
	items: RequestListItem[];
	nextCursor: string | null;
}

export interface Address {
	number: string | null;
	street: string | null;
	building: string | null;
	apartment: string | null;
	complement: string | null;
	postalCode: string | null;
	city: string | null;
}

export interface Referent extends PersonName {
	civility: string | null;
	email: string | null;
	phone: string | null;
	mobile: string | null;
	address: Address | null;
}

export interface CoParent extends PersonName {
	civility: string | null;
	birthDate: string | null;
	email?: string | null;
	phone?: string | null;
}

export type MemberDecision = 'pending' | 'validated' | 'refused';

/**
 * A member declared in one of the household's entourage declarations, with the service's
 * decision: the ONE shape of the detail's `family.members` and of the members API's answer
 * (server/desk/request-file.ts `DeskMember`, checked below).
 */
export interface DeclaredMember extends PersonName {
	id: string;
	role: string;
	civility: string | null;
	/** The birth date, or the expected one when `toBeBorn`. */
	birthDate: string | null;
	toBeBorn: boolean;
	/** What the family declared about the member, as label/value rows. */
	rows: { label: string; value: string }[];
	decision: MemberDecision;
	/** The service's reason for a refusal, else null. */
	reason: string | null;
	/** « Prénom Nom » of the agent who decided, and when (ISO), else null. */
	decidedBy: string | null;
	decidedAt: string | null;
}

export interface RequestDocument {
	pieceId: string;
	attachment: string;
	label: string;
	kind: string | null;
	kindLabel?: string | null;
	person: string | null;
	contentType: string;
	length: number;
	url: string;
}

export interface HistoryEntry {
	at: string;
	status: RequestStatus | (string & {});
	action: string | null;
	by: string | null;
	comment: string | null;
	message: string | null;
	reason: string | null;
}

/** GET /api/agent/requests/{number}. */
export interface RequestDetail {
	number: number;
	type: RequestType;
	typeLabel: string;
	status: RequestStatus;
	version: number;
	submittedAt: string;
	updatedAt: string;
	householdId: string;
	allowedActions: { action: AgentAction; label: string }[];
	family: {
		/** null when the household has no parent account any more. */
		referent: Referent | null;
		coParent: CoParent | null;
		members: DeclaredMember[];
	};
	people: PersonName[];
	child: (PersonName & { birthDate?: string | null; expectedDate?: string | null }) | null;
	wishedDate: string | null;
	choices: { rank: number; structureId: string; name: string; commune: string | null }[];
	observations: string | null;
	questionnaire: { label: string; value: string }[];
	documents: RequestDocument[];
	history: HistoryEntry[];
}

/**
 * The detail API's own view type must fit this one: a server change that breaks the page fails
 * the type-check here (the list's view type is not exported; its shape is tested server-side).
 */
type Fits<T extends RequestDetail> = T;
export type ServerRequestDetail = Fits<ReturnType<typeof requestDetail>>;

/** The server's member (detail and members API) and the desk's DeclaredMember fit each other. */
type FitsMember<T extends DeclaredMember> = T;
type FitsDeskMember<T extends DeskMember> = T;
export type ServerMember = FitsMember<DeskMember>;
export type ClientMember = FitsDeskMember<DeclaredMember>;
type FitsMembers<T extends DeclaredMember[]> = T;
export type ServerMembersAnswer = FitsMembers<ReturnType<typeof decideMember>>;

/** POST /api/agent/requests/{number}/actions. */
export interface ActionInput {
	action: AgentAction;
	comment?: string;
	message?: string;
	reason?: string;
	version?: number;
}

/** One `request` event of GET /api/agent/events. */
export interface RequestEvent {
	number: number;
	status: RequestStatus;
	type?: RequestType;
	action?: string;
}
