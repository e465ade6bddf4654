// The controller's orchestration against fakes of its two I/O modules: replication events
// drive the state, failures back off, a 401 stops without erasing, sign-out guards unsent data.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplicationHandlers } from './replicator';

const io = vi.hoisted(() => {
	const state = {
		handlers: [] as ReplicationHandlers[],
		/** The upload progress callback the controller gave the remote database. */
		onUpload: null as null | ((p: { docs: number; bytes: number } | null) => void),
		cancelled: 0,
		destroyed: [] as string[],
		forgotten: [] as string[],
		/** Local changes after the push checkpoint, as the fake changes feed returns them. */
		changes: [] as { id: string; seq: number; changes: { rev: string }[] }[],
		/** The live local feed: its options and listener, to emit changes as PouchDB would. */
		live: null as null | {
			style?: string;
			emit(change: { id: string; seq: number; changes: { rev: string }[] }): void;
		}
	};
	return state;
});

vi.mock('./device-db', () => ({
	loadMeta: async (householdId: string) => ({
		householdId,
		pushedThrough: 0,
		pulledRevs: {},
		lastSuccessAt: null,
		denied: []
	}),
	saveMeta: async () => {},
	journal: async () => {},
	forgetHousehold: async (id: string) => void io.forgotten.push(id)
}));

vi.mock('./replicator', () => ({
	openLocalDb: async (householdId: string) => ({
		name: householdId,
		changes: (options: { live?: boolean; since: number; style?: string }) =>
			options.live
				? {
						on(event: string, listener: (change: never) => void) {
							if (event === 'change') io.live = { style: options.style, emit: listener as never };
							return this;
						},
						cancel() {}
					}
				: Promise.resolve({
						results: io.changes.filter((c) => c.seq > options.since),
						last_seq: 0
					}),
		close: async () => {},
		destroy: async () => void io.destroyed.push(householdId)
	}),
	openRemoteDb: async (
		url: string,
		_net: unknown,
		onUpload: (p: { docs: number; bytes: number } | null) => void
	) => {
		io.onUpload = onUpload;
		return { url };
	},
	replicate: (_local: unknown, _remote: unknown, handlers: ReplicationHandlers) => {
		io.handlers.push(handlers);
		return { cancel: () => void (io.cancelled += 1) };
	}
}));

const { SyncManager } = await import('./sync-manager.svelte');
const { Connectivity } = await import('../../src/lib/pwa/connectivity.svelte');
const session = { household: { id: 'h1' }, syncUrl: 'http://x/sync/hh-h1' };
const lastHandlers = () => io.handlers[io.handlers.length - 1];
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
	io.handlers = [];
	io.cancelled = 0;
	io.destroyed = [];
	io.forgotten = [];
	io.changes = [];
	io.live = null;
});
afterEach(() => vi.useRealTimers());

describe('SyncManager', () => {
	it('starts live replication and is up to date once both directions are idle', async () => {
		const manager = new SyncManager();
		await manager.start(session);
		await flush();
		expect(manager.phase).toBe('syncing');
		lastHandlers().onCaughtUp();
		expect(manager.phase).toBe('up-to-date');
		expect(manager.lastSuccessAt).toBeInstanceOf(Date);
		manager.stop();
	});

	it('db() opens the household remembered on this device when a page asks before the app start resumed it', async () => {
		// A page's onMount runs before the shell's (children mount first): after an offline reload
		// the wizard reads its draft before session.resumeFromDevice() started sync.
		const store = new Map([['ef:me', JSON.stringify({ user: { id: 'u1' }, ...session })]]);
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v),
			removeItem: (k: string) => void store.delete(k)
		});
		try {
			const manager = new SyncManager();
			expect(((await manager.db()) as unknown as { name: string }).name).toBe('h1');
			manager.stop();
			store.clear();
			await expect(new SyncManager().db()).rejects.toThrow('Aucun foyer connecté');
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('retries a server failure after a backoff delay', async () => {
		vi.useFakeTimers();
		const manager = new SyncManager();
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		lastHandlers().onFailure({ status: 500 });
		expect(manager.phase).toBe('error');
		expect(io.handlers).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(2_000); // first retry waits 1–2 s
		expect(io.handlers).toHaveLength(2);
		manager.stop();
	});

	it('pauses on 401 without retrying and without erasing local data', async () => {
		vi.useFakeTimers();
		const manager = new SyncManager();
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		lastHandlers().onFailure({ status: 401 });
		expect(manager.phase).toBe('auth-required');
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(io.handlers).toHaveLength(1);
		expect(io.destroyed).toEqual([]);
		expect(await manager.syncNow()).toBe(false);
		manager.stop();
	});

	it('shows what is left to upload while the push sends pieces, and nothing once done or failed', async () => {
		const manager = new SyncManager();
		await manager.start(session);
		await flush();
		expect(manager.pushing).toBeNull();
		io.onUpload!({ docs: 3, bytes: 3_000_000 });
		expect(manager.pushing).toEqual({ docs: 3, bytes: 3_000_000 });
		io.onUpload!(null);
		expect(manager.pushing).toBeNull();
		io.onUpload!({ docs: 1, bytes: 1_000_000 });
		lastHandlers().onFailure({ status: 500 });
		expect(manager.pushing).toBeNull();
		manager.stop();
	});

	it('counts pending changes and records refusals with their reason', async () => {
		io.changes = [
			{ id: 'entourage:a', seq: 1, changes: [{ rev: '1-a' }] },
			{ id: 'entourage:b', seq: 2, changes: [{ rev: '1-b' }] }
		];
		const manager = new SyncManager();
		await manager.start(session);
		expect(manager.pending).toBe(2);
		await flush();
		lastHandlers().onDenied({ id: 'entourage:b', reason: 'Champ invalide' });
		expect(manager.denied).toEqual([{ id: 'entourage:b', reason: 'Champ invalide' }]);
		manager.stop();
	});

	it('keeps a refusal listed when the pull brings the server revision that overrules it, forgets it on a new edit', async () => {
		vi.useFakeTimers();
		const manager = new SyncManager();
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		const id = 'preinscription:a';
		const reason =
			'Cette demande a déjà été transmise au service : elle ne peut plus être modifiée.';
		lastHandlers().onDenied({ id, reason });
		// The pull writes the service's tombstone 6-t on the refused branch; the submitted 2-s2
		// stays the winner, as PouchDB's changes feed reports it (leaves with style all_docs).
		const leaves = (revs: string[]) =>
			io.live!.style === 'all_docs' ? revs.map((rev) => ({ rev })) : [{ rev: revs[0]! }];
		lastHandlers().onPulled([{ _id: id, _rev: '6-t' }]);
		io.live!.emit({ id, seq: 7, changes: leaves(['2-s2', '6-t', '5-e']) });
		await vi.advanceTimersByTimeAsync(200);
		expect(manager.denied).toEqual([{ id, reason }]);
		// Later the parent edits the document again: that is a retry, the refusal leaves the list.
		io.live!.emit({ id, seq: 8, changes: leaves(['3-y', '6-t', '5-e']) });
		expect(manager.denied).toEqual([]);
		manager.stop();
	});

	it('refuses to erase unsent changes unless confirmed, then erases the household', async () => {
		io.changes = [{ id: 'entourage:a', seq: 1, changes: [{ rev: '1-a' }] }];
		const manager = new SyncManager();
		await manager.start(session);
		expect(await manager.signOut()).toEqual({ erased: false, pending: 1 });
		expect(io.destroyed).toEqual([]);
		expect(await manager.signOut({ confirmUnsynced: true })).toEqual({ erased: true });
		expect(io.destroyed).toEqual(['h1']);
		expect(io.forgotten).toEqual(['h1']);
		expect(manager.phase).toBe('stopped');
	});

	it('erases at once when everything was sent', async () => {
		const manager = new SyncManager();
		await manager.start(session);
		expect(await manager.signOut()).toEqual({ erased: true });
		expect(io.destroyed).toEqual(['h1']);
	});
});

describe('SyncManager restarts', () => {
	it('does not reconnect when the same session is started twice', async () => {
		const manager = new SyncManager();
		await manager.start(session);
		await flush();
		await manager.start(session);
		await flush();
		expect(io.handlers).toHaveLength(1);
		manager.stop();
	});

	it('resumes after a 401 when the parent signs in again', async () => {
		const manager = new SyncManager();
		await manager.start(session);
		await flush();
		lastHandlers().onFailure({ status: 401 });
		expect(manager.phase).toBe('auth-required');
		await manager.start(session);
		await flush();
		expect(manager.phase).toBe('syncing');
		expect(io.handlers).toHaveLength(2);
		manager.stop();
	});
});

// Connectivity is the one source of truth: a sync request that got no answer means "offline",
// not a server error, and the manager reconnects when connectivity says the server answers.
describe('SyncManager and connectivity', () => {
	/** Connectivity without a browser: only requests' evidence moves it. */
	const evidence = () => new Connectivity();

	it('a sync request with no answer means "offline" (not an error), then resumes on its own', async () => {
		vi.useFakeTimers();
		const net = evidence();
		const manager = new SyncManager(net);
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		// navigator.onLine may still say true: the replicator's fetch reported the failure.
		net.failed();
		lastHandlers().onFailure({ name: 'TypeError', message: 'Failed to fetch' });
		expect(manager.phase).toBe('offline');
		expect(manager.lastError).toBeNull();
		await vi.advanceTimersByTimeAsync(10 * 60_000);
		expect(io.handlers).toHaveLength(1); // no blind retries while nothing answers
		net.reached(); // a probe or any request got an answer
		await vi.advanceTimersByTimeAsync(0);
		expect(io.handlers).toHaveLength(2);
		expect(manager.phase).toBe('syncing');
		lastHandlers().onCaughtUp();
		expect(manager.phase).toBe('up-to-date');
		manager.stop();
	});

	it('does not start replicating while connectivity says offline', async () => {
		vi.useFakeTimers();
		const net = evidence();
		net.failed();
		const manager = new SyncManager(net);
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		expect(manager.phase).toBe('offline');
		expect(io.handlers).toHaveLength(0);
		expect(await manager.syncNow()).toBe(false);
		net.reached();
		await vi.advanceTimersByTimeAsync(0);
		expect(io.handlers).toHaveLength(1);
		manager.stop();
	});

	it('an error without status while the server answers is retried as a failure', async () => {
		vi.useFakeTimers();
		const net = evidence();
		const manager = new SyncManager(net);
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		lastHandlers().onFailure(new Error('unexpected'));
		expect(manager.phase).toBe('error');
		await vi.advanceTimersByTimeAsync(2_000);
		expect(io.handlers).toHaveLength(2);
		manager.stop();
	});

	it('stops following connectivity once stopped', async () => {
		vi.useFakeTimers();
		const net = evidence();
		const manager = new SyncManager(net);
		await manager.start(session);
		await vi.advanceTimersByTimeAsync(0);
		manager.stop();
		net.failed();
		net.reached();
		await vi.advanceTimersByTimeAsync(0);
		expect(io.handlers).toHaveLength(1);
		expect(manager.phase).toBe('stopped');
	});
});
