/// <reference types="svelte" />
// The PWA's sync controller: one local PouchDB per signed-in household, live two-way
// replication restarted at start, when connectivity says the server answers again, on
// `visibilitychange`, after local writes and on Background Sync, with backoff. Exposes reactive
// state for the status bar and storage screen. Every sync request reports to `connectivity`
// (answered or not), so a network failure shows "Hors ligne", not a server error.
// Its parts: sync-bookkeeping (pending, denied, device meta), sync-triggers (when to reconnect),
// replicator (PouchDB I/O, push batches), sync-status (the state machine).
import { connectivity, type NetworkEvidence } from '../../src/lib/pwa/connectivity.svelte';
import { backoffDelay } from './backoff';
import { requestBackgroundSync } from './background-sync';
import type { DeniedDoc } from './pending';
import type { LocalDb, ChangesFeed } from './pouch-types';
import type { UploadProgress } from './push-batches';
import type { RunningReplication } from './replicator';
import { SyncBookkeeping } from './sync-bookkeeping.svelte';
import { attachSyncTriggers } from './sync-triggers';
import { cachedSession, forgetSession, type SessionInfo } from './session-cache';
import {
	classifyFailure,
	initialSyncState,
	transition,
	type SyncEvent,
	type SyncState
} from './sync-status';

type DeviceDbModule = typeof import('./device-db');
type ReplicatorModule = typeof import('./replicator');

export type SignOutResult = { erased: true } | { erased: false; pending: number };

class SyncManager {
	#state = $state<SyncState>(initialSyncState);
	householdId = $state<string | null>(null);
	/** What is left to upload of the push in progress (pieces' pages), else null. */
	pushing = $state<UploadProgress | null>(null);
	readonly #book = new SyncBookkeeping(async () => (await this.#modules())[0]);

	#syncUrl: string | null = null;
	#local: LocalDb | null = null;
	#feed: ChangesFeed | null = null;
	#replication: RunningReplication | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#io: Promise<[DeviceDbModule, ReplicatorModule]> | null = null;
	#detach: (() => void) | null = null;
	#waiters: ((ok: boolean) => void)[] = [];
	#queue: Promise<void> = Promise.resolve();
	readonly #net: NetworkEvidence;

	constructor(net: NetworkEvidence = connectivity) {
		this.#net = net;
	}

	get phase() {
		return this.#state.phase;
	}
	get lastSuccessAt(): Date | null {
		// A fresh value per read, never mutated: reactivity comes from #state, not from the Date.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		return this.#state.lastSuccessAt === null ? null : new Date(this.#state.lastSuccessAt);
	}
	get lastError() {
		return this.#state.lastError;
	}
	/** Local documents not yet on the server. */
	get pending(): number {
		return this.#book.pending;
	}
	/** Their ids (« En attente d’envoi » per item in the UI). */
	get pendingIds(): readonly string[] {
		return this.#book.pendingIds;
	}
	/** Documents the server refused, with its French reason. */
	get denied(): DeniedDoc[] {
		return this.#book.denied;
	}

	/** Called after sign-in and at app start with the (possibly cached) `/api/me` answer. */
	start(session: Pick<SessionInfo, 'household' | 'syncUrl'>): Promise<void> {
		return this.#serial(() => this.#start(session));
	}

	/** The server answered 401 elsewhere (e.g. `/api/me`): pause and wait for a new sign-in. */
	pauseForSignIn(): void {
		this.#replication?.cancel();
		this.#replication = null;
		this.#clearRetry();
		this.#apply({ type: 'unauthorized' });
		this.#settle(false);
	}

	async #start(session: Pick<SessionInfo, 'household' | 'syncUrl'>): Promise<void> {
		const householdId = session.household?.id ?? null;
		if (!householdId || !session.syncUrl) return this.stop();
		if (householdId === this.householdId && this.#local) {
			// Same household again (cached then fresh /api/me, or a new sign-in): reconnect only
			// when something changed or replication is not running, not on every call.
			const changedUrl = session.syncUrl !== this.#syncUrl;
			this.#syncUrl = session.syncUrl;
			if (this.phase === 'auth-required' || this.phase === 'stopped' || changedUrl) {
				this.#apply({ type: 'start' });
				this.#connect();
			} else this.#kick();
			return;
		}
		this.stop();
		await this.#open(householdId);
		this.#syncUrl = session.syncUrl;
		this.#attachTriggers();
		this.#apply({ type: 'start' });
		this.#connect();
	}

	/** Restarts replication now (button "Synchroniser maintenant", worker wake-up, sign-in). */
	syncNow(): Promise<boolean> {
		if (!this.#local || this.phase === 'stopped' || this.phase === 'auth-required') {
			return Promise.resolve(false);
		}
		const done = new Promise<boolean>((resolve) => this.#waiters.push(resolve));
		this.#connect();
		return done;
	}

	/** The household's local database, for the UI's document services. */
	async db(): Promise<LocalDb> {
		await this.#queue; // a start in progress (app start, sign-in) opens it first
		// A page may ask before the app shell resumed the session (children mount before the
		// shell): open the household this device remembers, offline too.
		const remembered = this.#local ? null : cachedSession();
		if (remembered) await this.start(remembered);
		if (!this.#local) throw new Error('Aucun foyer connecté sur cet appareil.');
		return this.#local;
	}

	/** Stops replication; local data stay (used on 401 and before erasing). */
	stop(): void {
		this.#replication?.cancel();
		this.#replication = null;
		this.#feed?.cancel();
		this.#feed = null;
		this.#clearRetry();
		this.#book.close();
		this.pushing = null;
		this.#detach?.();
		this.#detach = null;
		if (this.#local) void this.#local.close().catch(() => {});
		this.#local = null;
		this.householdId = null;
		this.#settle(false);
		this.#apply({ type: 'stop' });
	}

	/**
	 * Sign-out from this device. Unsynced changes are never erased without `confirmUnsynced`;
	 * otherwise the household's local database and bookkeeping are deleted from the device.
	 */
	signOut(options: { confirmUnsynced?: boolean } = {}): Promise<SignOutResult> {
		return this.#serial(() => this.#signOut(options));
	}

	async #signOut({ confirmUnsynced = false }): Promise<SignOutResult> {
		const householdId = this.householdId ?? cachedSession()?.household?.id ?? null;
		if (householdId && !this.#local) await this.#open(householdId);
		if (this.#local) await this.#book.recount();
		if (this.pending > 0 && !confirmUnsynced) return { erased: false, pending: this.pending };
		const local = this.#local;
		this.#local = null; // keeps stop() from closing the database we are about to destroy
		this.stop();
		if (local) await local.destroy();
		if (householdId) await (await this.#modules())[0].forgetHousehold(householdId);
		forgetSession();
		this.#book.reset();
		this.#state = initialSyncState;
		return { erased: true };
	}

	async #open(householdId: string): Promise<void> {
		const [, replicator] = await this.#modules();
		const local = await replicator.openLocalDb(householdId);
		const meta = await this.#book.open(householdId, local);
		this.#local = local;
		this.householdId = householdId;
		this.#state = { ...this.#state, lastSuccessAt: meta.lastSuccessAt };
		this.#feed = this.#local
			// Every leaf, not only the winner: a pulled revision may not win (the server's tombstone on
			// a refused branch), and must still be recognised as pulled (SYNC_SPEC S-OWN-4).
			.changes({ since: 'now', live: true, return_docs: false, style: 'all_docs' })
			.on('change', (change) =>
				this.#onLocalChange(
					change.id,
					change.changes.map((c) => c.rev)
				)
			)
			.on('error', () => {});
		await this.#book.recount();
	}

	/** Start and sign-out run one at a time so two starts never open the database twice. */
	#serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task);
		this.#queue = run.then(
			() => {},
			() => {}
		);
		return run;
	}

	#modules(): Promise<[DeviceDbModule, ReplicatorModule]> {
		this.#io ??= Promise.all([import('./device-db'), import('./replicator')]);
		return this.#io;
	}

	#connect(): void {
		this.#replication?.cancel();
		this.#replication = null;
		this.#clearRetry();
		if (!this.#local || !this.#syncUrl) return;
		if (!this.#net.online) {
			this.#apply({ type: 'offline' });
			return this.#settle(false);
		}
		const local = this.#local;
		const syncUrl = this.#syncUrl;
		void this.#modules().then(async ([, replicator]) => {
			const remote = await replicator.openRemoteDb(syncUrl, this.#net, (progress) => {
				if (this.#local === local) this.pushing = progress;
			});
			if (this.#local !== local) return; // signed out or switched household meanwhile
			this.#apply({ type: 'active' });
			this.#replication = replicator.replicate(local, remote, {
				onActive: () => this.#apply({ type: 'active' }),
				onCaughtUp: () => this.#onCaughtUp(),
				onFailure: (error) => this.#onFailure(error),
				onDenied: (payload) => this.#book.denial(payload),
				onPushedThrough: (seq) => this.#book.update({ pushedThrough: seq }),
				onPulled: (docs) => this.#book.pulled(docs)
			});
		});
	}

	#onCaughtUp(): void {
		const at = Date.now();
		this.#apply({ type: 'caught-up', at });
		this.#book.update({ lastSuccessAt: at });
		void this.#book.log('synced');
		this.#settle(true);
	}

	#onFailure(error: unknown): void {
		this.#replication = null;
		this.pushing = null;
		const kind = classifyFailure(error);
		if (kind === 'unauthorized') {
			this.#apply({ type: 'unauthorized' });
			void this.#book.log('unauthorized');
		} else if (kind === 'network' && !this.#net.online) {
			// The request got no answer: connectivity probes and calls us back when it does.
			this.#apply({ type: 'offline' });
		} else {
			const message = error instanceof Error ? error.message : JSON.stringify(error);
			this.#apply({ type: 'failed', error: message });
			void this.#book.log('failed', message);
			this.#retryTimer = setTimeout(() => this.#connect(), backoffDelay(this.#state.attempt));
		}
		if (this.pending > 0) void requestBackgroundSync();
		this.#settle(false);
	}

	/** A change of the local database: a pull brought one of its leaves, or else the parent edited. */
	#onLocalChange(id: string, leaves: string[]): void {
		if (this.#book.localChange(id, leaves)) return;
		if (this.phase !== 'up-to-date' && this.phase !== 'syncing') void requestBackgroundSync();
		this.#kick();
	}

	/** Reconnects unless a live replication is already running (it sees new writes itself). */
	#kick(): void {
		if (this.phase === 'error' || this.phase === 'offline' || !this.#replication) {
			if (this.phase !== 'stopped' && this.phase !== 'auth-required') this.#connect();
		}
	}

	#attachTriggers(): void {
		const restartable = () => this.phase !== 'stopped' && this.phase !== 'auth-required';
		this.#detach = attachSyncTriggers(this.#net, {
			kick: () => this.#kick(),
			restart: () => {
				if (restartable()) this.#connect();
			},
			offline: () => this.#apply({ type: 'offline' }),
			syncNow: () => this.syncNow()
		});
	}

	#apply(event: SyncEvent): void {
		this.#state = transition(this.#state, event);
	}

	#settle(ok: boolean): void {
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const resolve of waiters) resolve(ok);
	}

	#clearRetry(): void {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
	}
}

export const syncManager = new SyncManager();
export { SyncManager };
