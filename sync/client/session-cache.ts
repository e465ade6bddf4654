// The last `/api/me` answer kept on the device so a signed-in parent can open the app offline,
// even after a restart. localStorage (not Dexie) because the shell reads it synchronously at
// start and the public home must not load Dexie. It holds identity only, no family documents.
// Same key and shape as the UI's session module (src/lib/client/session.svelte.ts), so either
// side may write it and both read one copy.

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

export type MeLoad<T extends SessionInfo> =
	| { state: 'signed-in'; me: T; source: 'network' | 'device' }
	| { state: 'signed-out' }
	/** The server said 401 while the device still holds a session: ask for sign-in, keep data. */
	| { state: 'expired'; me: T };

/**
 * Asks the server who is signed in, falling back to the device copy when the network is down.
 * A 401 does not erase anything: local data stay until an explicit sign-out.
 */
export async function loadSession<T extends SessionInfo>(
	fetchFn: typeof fetch = fetch
): Promise<MeLoad<T>> {
	const cached = cachedSession<T>();
	let response: Response;
	try {
		response = await fetchFn('/api/me', {
			credentials: 'include',
			headers: { accept: 'application/json' }
		});
	} catch {
		return cached ? { state: 'signed-in', me: cached, source: 'device' } : { state: 'signed-out' };
	}
	if (response.status === 401 || response.status === 403) {
		return cached ? { state: 'expired', me: cached } : { state: 'signed-out' };
	}
	if (!response.ok) {
		// 5xx or an offline answer from a proxy: behave as offline.
		return cached ? { state: 'signed-in', me: cached, source: 'device' } : { state: 'signed-out' };
	}
	const me = (await response.json().catch(() => null)) as T | null;
	if (!me || !me.user) return cached ? { state: 'expired', me: cached } : { state: 'signed-out' };
	rememberSession(me);
	return { state: 'signed-in', me, source: 'network' };
}
