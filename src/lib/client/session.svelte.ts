// Who is signed in on this device, as a rune class shared by every page, and what the device
// does about it: the last known identity is kept in localStorage ($sync/session-cache) so the
// signed-in shell still opens offline, the household's sync starts with the session, and
// sign-out erases local data (never silently when changes are unsent).
import { goto } from '$app/navigation';
import { cachedSession, forgetSession, rememberSession } from '$sync/session-cache';
import { syncManager, type SignOutResult } from '$sync/sync-manager.svelte';
import { requestPersistenceOnce } from '$lib/pwa/device-storage';
import { flash } from './flash.svelte';
import { signInUrl } from './return-path';
import { connectivity } from '$lib/pwa/connectivity.svelte';
import { api, endPendingSignOut, setUnauthorizedHandler, type ApiResult } from './api';
import { hasPendingSignOut, markPendingSignOut } from './pending-sign-out';
import { forgetProfile, forgetProfileDraft } from './profile-cache';
import type { Me } from './types';

export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';
type Cleanup = () => void | Promise<void>;

class Session {
	me = $state<Me | null>(null);
	status = $state<SessionStatus>('unknown');
	/** True while showing the cached identity because the server could not be reached. */
	offline = $state(false);
	/** True when the last check could not reach the server at all. */
	unreachable = $state(false);
	#pending: Promise<void> | null = null;
	#cleanups = new Set<Cleanup>();

	get user() {
		return this.me?.user ?? null;
	}

	get signedIn() {
		return this.status === 'signed-in';
	}

	/** Checks the session once (shared by concurrent callers); later calls reuse the answer. */
	ensure(): Promise<void> {
		if (this.status !== 'unknown') return Promise.resolve();
		return this.refresh();
	}

	/**
	 * Like ensure(), but only when this device has signed in before: public pages then make no
	 * request (and log no 401) for visitors who never signed in here. /espace still asks.
	 */
	ensureIfKnown(): Promise<void> {
		return readCache() ? this.ensure() : Promise.resolve();
	}

	refresh(): Promise<void> {
		this.#pending ??= this.#load().finally(() => (this.#pending = null));
		return this.#pending;
	}

	async #load() {
		if (hasPendingSignOut()) {
			// This device signed out while offline: signed out, whatever the old cookie says.
			await endPendingSignOut();
			return this.#clear();
		}
		const result = await api.me();
		if (result.ok) {
			this.unreachable = false;
			return this.#set(result.data);
		}
		if (result.status === 401) return this.#clear();
		// Network down or server failing: keep what this device knows, ask again later.
		this.unreachable = true;
		const cached = readCache();
		this.offline = cached !== null;
		if (cached) return this.#set(cached, false);
		this.me = null;
		this.status = 'unknown';
	}

	/**
	 * When the server answers again: first end a session signed out offline, then check the
	 * session if it was shown from this device.
	 */
	watchConnectivity(): () => void {
		if (hasPendingSignOut()) void endPendingSignOut();
		return connectivity.subscribe((online) => {
			if (!online) return;
			void endPendingSignOut().then(() => {
				if (this.offline || this.unreachable) void this.refresh();
			});
		});
	}

	async signIn(username: string, password: string): Promise<ApiResult<unknown>> {
		const result = await api.login(username, password);
		if (result.ok) await this.refresh();
		return result;
	}

	/** Ends the session now, or as soon as the network returns when offline (never kept open). */
	async signOut(): Promise<void> {
		markPendingSignOut();
		await endPendingSignOut();
		forgetProfileDraft();
		await eraseScanWorkbench();
		await this.expire();
	}

	/** Forgets the session (after a 401, or on sign-out) and runs the registered clean-ups. */
	async expire() {
		this.#clear();
		for (const cleanup of this.#cleanups) {
			try {
				await cleanup();
			} catch (error) {
				console.error('Sign-out clean-up failed', error);
			}
		}
	}

	/** After a sign-in or a fresh `/api/me` (PwaShell): keeps it for offline and starts sync. */
	async startDeviceSync(me: Me): Promise<void> {
		rememberSession(me);
		void requestPersistenceOnce();
		await syncManager.start(me);
	}

	/** At app start (PwaShell): a session remembered on this device starts sync at once, offline too. */
	resumeFromDevice(): void {
		const cached = cachedSession();
		if (cached) void syncManager.start(cached);
	}

	/**
	 * Erases this device's family data before signing out. Returns `{ erased: false, pending }`
	 * when unsent changes exist and `confirmUnsynced` is not set: ask the parent, then call again
	 * with `confirmUnsynced: true`.
	 */
	eraseDevice(options: { confirmUnsynced?: boolean } = {}): Promise<SignOutResult> {
		return syncManager.signOut(options);
	}

	/** Lets other modules (sync, device storage) wipe this family's data on sign-out. */
	onSignOut(cleanup: Cleanup): () => void {
		this.#cleanups.add(cleanup);
		return () => this.#cleanups.delete(cleanup);
	}

	/** Updates the names shown in the greeting after a profile change. */
	patchUser(patch: Partial<Me['user']>) {
		if (!this.me) return;
		this.#set({ ...this.me, user: { ...this.me.user, ...patch } });
	}

	#set(me: Me, online = true) {
		this.me = me;
		this.status = 'signed-in';
		if (online) {
			this.offline = false;
			writeCache(me);
		}
	}

	#clear() {
		this.me = null;
		this.status = 'signed-out';
		this.offline = false;
		this.unreachable = false;
		writeCache(null);
		forgetProfile();
	}
}

/** The device copy of `/api/me` (one localStorage key, owned by $sync/session-cache). */
function readCache(): Me | null {
	return cachedSession<Me>();
}

function writeCache(me: Me | null) {
	if (me) rememberSession(me);
	else forgetSession();
}

export const session = new Session();

setUnauthorizedHandler(() => {
	void session.expire().then(() => {
		flash.set('Votre session a expiré : reconnectez-vous pour continuer.', 'info');
		// Back to this page once signed in again.
		return goto(signInUrl(`${location.pathname}${location.search}`));
	});
});

/** Pages being scanned stay on the device through an expired session, not past a sign-out. */
async function eraseScanWorkbench() {
	if (typeof indexedDB === 'undefined') return; // no device store here (tests in Node)
	try {
		await (await import('./scan/workbench')).workbench.erase();
	} catch (error) {
		console.error('Scan workbench not erased', error);
	}
}
