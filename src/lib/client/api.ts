// Typed client of the same-origin JSON API. The only module of the app that calls fetch:
// every call resolves to a result, never throws, and turns network failures into French text.
// Each call tells `connectivity` whether it got an answer, and a sign-out left pending offline
// is sent before anything else may use the session cookie.
import { connectivity } from '$lib/pwa/connectivity.svelte';
import { clearPendingSignOut, hasPendingSignOut } from './pending-sign-out';
import type { NewsInput, NewsItem } from '$lib/domain/news';
import type { StructureInput, StructureRecord } from '$lib/domain/structures';
import type { AuditEntry } from '$lib/domain/audit';
import type { CommissionInfo } from './commission/schedule';
import type { ApiErrorBody, DemoMail, Me, ProfileData } from './types';

export type ApiResult<T> =
	| { ok: true; status: number; data: T }
	| { ok: false; status: number; error: ApiErrorBody; retryAfter?: number };

export type ApiFailure = Extract<ApiResult<unknown>, { ok: false }>;

export const NETWORK_ERROR = 'Connexion impossible : vérifiez votre réseau et réessayez.';
const SERVER_ERROR = 'Le service est momentanément indisponible. Réessayez dans quelques instants.';

let onUnauthorized: (() => void) | null = null;

/** Called when a signed-in call answers 401 (session expired or ended elsewhere). */
export function setUnauthorizedHandler(handler: () => void) {
	onUnauthorized = handler;
}

const LOGOUT = '/auth/logout';
let endingSession: Promise<ApiResult<null>> | null = null;

/**
 * Sends the logout a sign-out left pending (made offline), once at a time. Resolves to the
 * failure when the server could not be told yet (network down, 5xx), else to null.
 */
export function endPendingSignOut(): Promise<ApiFailure | null> {
	if (!hasPendingSignOut()) return Promise.resolve(null);
	endingSession ??= send<null>('POST', LOGOUT, {}).finally(() => (endingSession = null));
	return endingSession.then((result) => {
		// An answer below 500 is final (204, or a 4xx retrying cannot change); no answer or a
		// 5xx: keep the marker and try again when the network or the server is back.
		if (result.status === 0 || result.status >= 500) return result as ApiFailure;
		clearPendingSignOut();
		return null;
	});
}

async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
	if (path !== LOGOUT && hasPendingSignOut()) {
		// Nothing may use the old session before the server has ended it.
		const failure = await endPendingSignOut();
		if (failure) return failure;
	}
	return send<T>(method, path, body);
}

async function send<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method,
			credentials: 'same-origin',
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		connectivity.failed();
		return { ok: false, status: 0, error: { code: 'network', message: NETWORK_ERROR } };
	}
	connectivity.reached(); // any answer, 4xx and 5xx included: the network works
	const payload = await readJson(response);
	if (response.status === 401 && path.startsWith('/me/')) onUnauthorized?.();
	if (response.ok) return { ok: true, status: response.status, data: payload as T };
	const error = isErrorBody(payload)
		? payload.error
		: { code: `http_${response.status}`, message: SERVER_ERROR };
	const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
	return retryAfter === undefined
		? { ok: false, status: response.status, error }
		: { ok: false, status: response.status, error, retryAfter };
}

async function readJson(response: Response): Promise<unknown> {
	if (response.status === 204) return null;
	try {
		return await response.json();
	} catch {
		return null;
	}
}

function isErrorBody(payload: unknown): payload is { error: ApiErrorBody } {
	if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
	const error = (payload as { error: unknown }).error;
	return typeof error === 'object' && error !== null && 'message' in error;
}

/** Retry-After in seconds (either delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
	if (!value) return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim());
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** For a feature's own typed client (src/lib/client/desk/api.ts): the app's one way to fetch. */
export const apiRequest = request;

const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});

/** Request bodies are the outputs of the domain schemas (src/lib/domain/account.ts). */
export type ProfileInput = Record<string, unknown>;

/** A crèche offered in pre-registration (GET /api/structures). */
export interface Structure {
	id: string;
	name: string;
	/** As the guide shows it: « Accueil Petite enfance - EAJE … - Liste d'attente ». */
	label: string;
	commune: string | null;
	capacity: number;
}

export const api = {
	health: () => request<{ status: string }>('GET', '/health'),
	register: (input: ProfileInput) => post<{ status: string }>('/auth/register', input),
	resendActivation: (email: string) => post<null>('/auth/activation/resend', { email }),
	activate: (token: string) => post<{ status: string }>('/auth/activate', { token }),
	login: (username: string, password: string) =>
		post<{ user: Me['user'] }>('/auth/login', { username, password }),
	logout: () => post<null>('/auth/logout'),
	requestPasswordReset: (email: string) => post<null>('/auth/password-reset/request', { email }),
	checkPasswordReset: (token: string) =>
		request<{ status: 'valid' }>('GET', `/auth/password-reset/${encodeURIComponent(token)}`),
	confirmPasswordReset: (token: string, password: string) =>
		post<{ status: string }>('/auth/password-reset/confirm', { token, password }),
	me: () => request<Me>('GET', '/me'),
	structures: () => request<{ structures: Structure[] }>('GET', '/structures'),
	news: () => request<{ news: NewsItem[] }>('GET', '/news'),
	/** Public: the year's commission sessions and the grid in force. */
	commission: () => request<CommissionInfo>('GET', '/commission'),
	desk: {
		news: () => request<{ news: NewsItem[] }>('GET', '/agent/news'),
		createNews: (input: NewsInput) => post<{ news: NewsItem }>('/agent/news', input),
		updateNews: (id: number, input: NewsInput) =>
			request<{ news: NewsItem }>('PUT', `/agent/news/${id}`, input),
		deleteNews: (id: number) => request<null>('DELETE', `/agent/news/${id}`),
		structures: () => request<{ structures: StructureRecord[] }>('GET', '/agent/structures'),
		audit: (query: URLSearchParams) =>
			request<{ items: AuditEntry[]; nextBefore: number | null }>('GET', `/agent/audit?${query}`),
		auditAgents: () =>
			request<{ agents: { id: string; name: string; role: string }[] }>(
				'GET',
				'/agent/audit/agents'
			),
		updateStructure: (id: string, input: StructureInput) =>
			request<{ structure: StructureRecord }>(
				'PUT',
				`/agent/structures/${encodeURIComponent(id)}`,
				input
			)
	},
	profile: () => request<ProfileData>('GET', '/me/profile'),
	updateProfile: (input: ProfileInput) => request<ProfileData>('PUT', '/me/profile', input),
	changeEmail: (email: string, currentPassword: string) =>
		request<{ status: string; pendingEmail: string }>('PUT', '/me/email', {
			email,
			currentPassword
		}),
	confirmEmailChange: (token: string) =>
		post<{ status: string; email: string }>('/auth/email-change/confirm', { token }),
	changePassword: (currentPassword: string, password: string) =>
		request<{ status: string }>('PUT', '/me/password', { currentPassword, password }),
	demoMails: () => request<{ mails: DemoMail[] }>('GET', '/demo/mails'),
	contact: () => request<{ email: string }>('GET', '/contact')
};
