// Typed client of the staff desk's API (/api/agent/*, contracts9.md). Every call resolves to an
// ApiResult (never throws) whose error is a French sentence an agent can act on.
import { apiRequest, api, type ApiResult } from '../api';
import { apiSearch, toSearch, type ListQuery } from './list-query';
import type {
	ActionInput,
	DeclaredMember,
	MemberDecision,
	RequestDetail,
	RequestPage
} from './types';

export const PAGE_SIZE = 50;

/** Said instead of the server's text when it gave none we can show. */
const FALLBACK: Record<number, string> = {
	403: 'Cet espace est réservé aux agents du service petite enfance.',
	404: 'Cette demande n’existe pas (ou plus).',
	409: 'Cette demande vient d’être modifiée par un autre agent : rechargez-la.'
};

/** The server's French message, or ours for a status it left without one. */
function frenchErrors<T>(result: ApiResult<T>): ApiResult<T> {
	if (result.ok || !FALLBACK[result.status] || !result.error.code.startsWith('http_'))
		return result;
	return { ...result, error: { ...result.error, message: FALLBACK[result.status]! } };
}

const get = async <T>(path: string) => frenchErrors(await apiRequest<T>('GET', path));
const post = async <T>(path: string, body: unknown) =>
	frenchErrors(await apiRequest<T>('POST', path, body));
const put = async <T>(path: string, body: unknown) =>
	frenchErrors(await apiRequest<T>('PUT', path, body));

/** How the service hears of new requests: a mail each, or one daily digest. */
export type ServiceMailMode = 'each' | 'digest';

/** One webhook delivery, as the server's log lists it (server/desk/webhook.ts). */
export interface WebhookDelivery {
	id: number;
	eventId: number;
	number: number;
	type: string;
	attempts: number;
	status: 'pending' | 'delivered' | 'failing';
	lastError: string | null;
	lastAttemptAt: string | null;
	deliveredAt: string | null;
}

export const deskApi = {
	inboxCount: () => get<{ count: number }>('/agent/inbox/count'),
	requests: (query: ListQuery, cursor: string | null = null, limit = PAGE_SIZE) =>
		get<RequestPage>(`/agent/requests${apiSearch(query, cursor, limit)}`),
	request: (number: number) => get<RequestDetail>(`/agent/requests/${number}`),
	act: (number: number, input: ActionInput) =>
		post<{ status: RequestDetail['status']; version: number }>(
			`/agent/requests/${number}/actions`,
			input
		),
	decideMember: (
		number: number,
		memberId: string,
		decision: Exclude<MemberDecision, 'pending'>,
		reason?: string
	) =>
		post<{ members: DeclaredMember[] }>(
			`/agent/requests/${number}/members/${encodeURIComponent(memberId)}`,
			reason ? { decision, reason } : { decision }
		),
	/** A message to the family about its request (read in Mes actualités, and told by mail). */
	sendMessage: (number: number, input: { title?: string; body: string }) =>
		post<{ id: string; title: string }>(`/agent/requests/${number}/messages`, input),
	structures: () => api.structures(),
	/** Admins: how the service hears of new requests, and the webhook's delivery log. */
	notificationSettings: () =>
		get<{ serviceMail: ServiceMailMode }>('/agent/settings/notifications'),
	setNotificationSettings: (serviceMail: ServiceMailMode) =>
		put<{ serviceMail: ServiceMailMode }>('/agent/settings/notifications', { serviceMail }),
	webhookDeliveries: () => get<{ items: WebhookDelivery[] }>('/agent/webhooks/deliveries')
};

/** The CSV export of the list as filtered on screen (a plain link: the browser downloads it). */
export function csvHref(query: ListQuery): string {
	return `/api/agent/requests.csv${toSearch(query)}`;
}

/** The server-sent events of the desk; `lastEventId` resumes after a reopened connection. */
export function eventsUrl(lastEventId: string | null): string {
	return lastEventId
		? `/api/agent/events?lastEventId=${encodeURIComponent(lastEventId)}`
		: '/api/agent/events';
}
