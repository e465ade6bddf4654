// The last `/api/me` answer kept on the device so a signed-in parent can open the app offline,
// even after a restart. localStorage (not Dexie) because the shell reads it synchronously at
// start and the public home must not load Dexie. It holds identity only, no family documents.
// The only owner of that key: the UI's session (src/lib/client/session.svelte.ts) and the sync
// manager both read and write the device copy through these functions.

export interface SessionInfo {
	user: { id: string };
	household: { id: string } | null;
	syncUrl: string | null;
}

const KEY = 'ef:me';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // Safari private mode and locked-down profiles throw on access
	}
}

export function rememberSession<T extends SessionInfo>(me: T): void {
	try {
		storage()?.setItem(KEY, JSON.stringify(me));
	} catch {
		// Quota errors only cost the offline start; the online app keeps working.
	}
}

export function cachedSession<T extends SessionInfo = SessionInfo>(): T | null {
	const raw = storage()?.getItem(KEY);
	if (!raw) return null;
	try {
		const parsed = JSON.parse(raw) as T | null;
		return parsed && typeof parsed === 'object' && parsed.user ? parsed : null;
	} catch {
		return null;
	}
}

export function forgetSession(): void {
	storage()?.removeItem(KEY);
}
