// What the UI's session code calls so the device side follows the session: remember `/api/me`
// for offline starts, start the household's sync after sign-in, and erase local data at
// sign-out (never silently when changes are unsent).
import { cachedSession, rememberSession, type SessionInfo } from '$sync/session-cache';
import { syncManager, type SignOutResult } from '$sync/sync-manager.svelte';
import { requestPersistenceOnce } from './device-storage';

export { cachedSession, type SessionInfo, type SignOutResult };

/** After a successful sign-in or a fresh `/api/me`: keeps it for offline and starts sync. */
export async function onSignedIn(me: SessionInfo): Promise<void> {
	rememberSession(me);
	void requestPersistenceOnce();
	await syncManager.start(me);
}

/** At app start (PwaShell): a session remembered on this device starts sync at once, offline too. */
export function resumeFromDevice(): void {
	const cached = cachedSession();
	if (cached) void syncManager.start(cached);
}

/**
 * Sign-out on this device. Returns `{ erased: false, pending }` when unsent changes exist and
 * `confirmUnsynced` is not set: ask the parent, then call again with `confirmUnsynced: true`.
 */
export function eraseDeviceSession(
	options: { confirmUnsynced?: boolean } = {}
): Promise<SignOutResult> {
	return syncManager.signOut(options);
}
