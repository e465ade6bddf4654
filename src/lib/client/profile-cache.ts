// The last profile the server sent, kept on this device like the cached `/api/me` (ADR 0003):
// offline, the dashboard card and the Profil form show it instead of a connection error.
// Erased with the session; the Profil draft (what the parent typed, never sent) is erased at
// sign-out only, so an expired session does not lose it.
import { api, type ApiResult } from './api';
import { clearDraft } from './saved-draft';
import type { ProfileData } from './types';

const KEY = 'ef:profile';
/** localStorage key of the Profil form's draft (saved-draft.ts, `{ userId, draft }`). */
export const PROFILE_DRAFT_KEY = 'ef:profile-draft';

export type ProfileLoad = ApiResult<ProfileData> & { fromDevice?: boolean };

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function rememberProfile(userId: string, profile: ProfileData): void {
	try {
		storage()?.setItem(KEY, JSON.stringify({ userId, profile }));
	} catch {
		// Storage full or disabled: only the offline display is lost.
	}
}

export function cachedProfile(userId: string | undefined): ProfileData | null {
	if (!userId) return null;
	try {
		const raw = storage()?.getItem(KEY);
		if (!raw) return null;
		const saved = JSON.parse(raw) as { userId?: unknown; profile?: ProfileData };
		return saved.userId === userId && saved.profile ? saved.profile : null;
	} catch {
		return null;
	}
}

export function forgetProfile(): void {
	try {
		storage()?.removeItem(KEY);
	} catch {
		// Nothing to forget.
	}
}

export function forgetProfileDraft(): void {
	clearDraft(PROFILE_DRAFT_KEY);
}

/** The profile from the server, or this device's copy when the server cannot be reached. */
export async function loadProfile(userId: string | undefined): Promise<ProfileLoad> {
	const result = await api.profile();
	if (result.ok) {
		if (userId) rememberProfile(userId, result.data);
		return result;
	}
	const cached = result.status === 0 ? cachedProfile(userId) : null;
	return cached ? { ok: true, status: 200, data: cached, fromDevice: true } : result;
}
