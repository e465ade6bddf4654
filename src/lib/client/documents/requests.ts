// The household's requests as the parent follows them (« Dernières demandes », the detail page):
// each submitted declaration or pre-registration joined with the status the service wrote
// (`svc:status`), or « En attente d’envoi » while it has no number yet, or the server's French
// reason when the sync refused it. Pure functions over what the document services return.
import { parseDocId } from '$domain/documents';
import { memberName, type MemberLike } from '$domain/entourage-summary';
import {
	AWAITING_SEND_LABEL,
	FINAL_REQUEST_STATUSES,
	REQUEST_STATUS,
	REQUEST_TYPE_LABELS,
	type RequestStatus
} from '$domain/request-status';
import { statusDocId } from '$domain/service-documents';
import type { DeniedDoc } from '$sync/pending';
import type { EntourageDocument } from './entourage.service';
import type { PreinscriptionDocument } from './preinscription.service';
import type { RequestStatusDoc } from './service-docs.service';
import type { StoredDoc } from './store';

export type RequestDocument = EntourageDocument | PreinscriptionDocument;
export type RequestType = keyof typeof REQUEST_TYPE_LABELS;

/** Where a request stands from the parent's point of view. */
export type RequestStage =
	/** Submitted on this device, not numbered by the service yet. */
	| 'awaiting'
	/** The sync refused it: `reason` says why; the parent may correct it. */
	| 'refused-by-sync'
	/** Numbered: `status` is the service's. */
	| 'numbered';

export interface RequestSummary {
	/** The document id, `<type>:<uuid>`. */
	id: string;
	uuid: string;
	type: RequestType;
	typeLabel: string;
	number: number | null;
	stage: RequestStage;
	/** The label shown: the service's status, « En attente d’envoi » or « Refusée à l’envoi ». */
	statusLabel: string;
	/** Whether the service's decision is final (refused, classée sans suite). */
	final: boolean;
	/** The French reason: of the sync refusal, or of the service's refusal or cancellation. */
	reason: string | null;
	/** The people the request is about, « Prénom NOM ». */
	people: string[];
	submittedAt: string;
	/** The dated history (oldest first); a request not numbered yet has its submission only. */
	history: HistoryStep[];
	doc: RequestDocument;
}

export const SYNC_REFUSED_LABEL = 'Refusée à l’envoi';

/** One dated step: the status, and who acted, the agent's comment, what the family is asked. */
export interface HistoryStep {
	label: string;
	at: string;
	by?: string;
	comment?: string;
	message?: string;
}

function historyStep(h: RequestStatusDoc['history'][number]): HistoryStep {
	const step: HistoryStep = { label: h.status, at: h.at };
	if (h.by?.trim()) step.by = h.by.trim();
	if (h.comment?.trim()) step.comment = h.comment.trim();
	if (h.message?.trim()) step.message = h.message.trim();
	return step;
}

interface Member {
	id?: unknown;
	role?: unknown;
	firstNames?: unknown;
	lastName?: unknown;
	toBeBorn?: unknown;
}

const text = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
const personName = (m: Member) => memberName(m as MemberLike);

function membersOf(doc: StoredDoc): Member[] {
	return Array.isArray(doc.members) ? (doc.members as Member[]) : [];
}

/** Every member declared in the household's declarations (drafts too), by member id. */
export function memberIndex(entourages: readonly StoredDoc[]): Map<string, Member> {
	const index = new Map<string, Member>();
	for (const doc of entourages)
		for (const m of membersOf(doc)) if (typeof m.id === 'string') index.set(m.id, m);
	return index;
}

function peopleOf(doc: RequestDocument, members: Map<string, Member>): string[] {
	if (doc.type === 'entourage') return membersOf(doc).map(personName).filter(Boolean);
	const child = typeof doc.childId === 'string' ? members.get(doc.childId) : undefined;
	return child ? [personName(child)].filter(Boolean) : [];
}

export interface RequestSources {
	entourages: readonly EntourageDocument[];
	preinscriptions: readonly PreinscriptionDocument[];
	statuses: readonly RequestStatusDoc[];
	denied: readonly DeniedDoc[];
}

/** One request's summary; null for a draft (not a request). */
export function summarize(
	doc: RequestDocument,
	sources: RequestSources,
	members = memberIndex(sources.entourages)
): RequestSummary | null {
	if (doc.state !== 'submitted') return null;
	const parsed = parseDocId(doc._id);
	if (!parsed || !(parsed.type in REQUEST_TYPE_LABELS)) return null;
	const type = parsed.type as RequestType;
	const status = sources.statuses.find((s) => s._id === statusDocId(doc._id)) ?? null;
	const denial = status ? null : (sources.denied.find((d) => d.id === doc._id) ?? null);
	const submittedAt = text(doc.submittedAt) || text(doc.updatedAt);
	const base = {
		id: doc._id,
		uuid: parsed.uuid,
		type,
		typeLabel: REQUEST_TYPE_LABELS[type],
		people: peopleOf(doc, members),
		submittedAt,
		doc
	};
	if (status)
		return {
			...base,
			number: status.requestNumber,
			stage: 'numbered',
			statusLabel: status.status,
			final: FINAL_REQUEST_STATUSES.includes(status.status),
			reason: status.reason?.trim() || null,
			history: status.history.map(historyStep)
		};
	return {
		...base,
		number: null,
		stage: denial ? 'refused-by-sync' : 'awaiting',
		statusLabel: denial ? SYNC_REFUSED_LABEL : AWAITING_SEND_LABEL,
		final: false,
		reason: denial?.reason ?? null,
		history: submittedAt ? [{ label: 'Validée sur cet appareil', at: submittedAt }] : []
	};
}

/** The household's requests, most recently submitted first. */
export function listRequests(sources: RequestSources): RequestSummary[] {
	const members = memberIndex(sources.entourages);
	return [...sources.entourages, ...sources.preinscriptions]
		.flatMap((doc) => summarize(doc, sources, members) ?? [])
		.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
}

export interface DraftSummary {
	id: string;
	type: RequestType;
	typeLabel: string;
	people: string[];
	updatedAt: string;
	/** The step the wizard was at, when it stored one. */
	step: number | null;
}

/** Drafts of declarations and pre-registrations, most recently changed first. */
export function listDrafts(sources: Omit<RequestSources, 'statuses' | 'denied'>): DraftSummary[] {
	const members = memberIndex(sources.entourages);
	return [...sources.entourages, ...sources.preinscriptions]
		.filter((doc) => doc.state !== 'submitted')
		.flatMap((doc) => {
			const type = parseDocId(doc._id)?.type;
			if (type !== 'entourage' && type !== 'preinscription') return [];
			return [
				<DraftSummary>{
					id: doc._id,
					type,
					typeLabel: REQUEST_TYPE_LABELS[type],
					people: peopleOf(doc, members),
					updatedAt: text(doc.updatedAt),
					step: typeof doc.step === 'number' ? doc.step : null
				}
			];
		})
		.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The status a parent reads for a request, e.g. for a badge's colour. */
export function statusTone(r: Pick<RequestSummary, 'stage' | 'statusLabel'>): string {
	if (r.stage === 'refused-by-sync') return 'error';
	if (r.stage === 'awaiting') return 'waiting';
	const s = r.statusLabel as RequestStatus;
	if (s === REQUEST_STATUS.complete || s === REQUEST_STATUS.admitted) return 'success';
	if (s === REQUEST_STATUS.refused || s === REQUEST_STATUS.closed || s === REQUEST_STATUS.declined)
		return 'error';
	// The family is expected to act: send pieces, answer the place offered.
	if (s === REQUEST_STATUS.piecesRequested || s === REQUEST_STATUS.offered) return 'waiting';
	return 'info';
}

/** The request a service message is about (its `subjectId`), if this device has it. */
export function messageSubject(
	message: { subjectId?: string },
	requests: readonly RequestSummary[]
): RequestSummary | null {
	return message.subjectId ? (requests.find((r) => r.id === message.subjectId) ?? null) : null;
}
