// svelte-check's project (src/, tests/) does not include sync/*.d.ts, so point at it here.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pouchdb-browser.d.ts" />
// I/O side of the sync controller: opens the household's local PouchDB (idb adapter) and runs
// the two live replications. PouchDB is imported lazily so the public pages never load it.
import { isAbort } from '../../src/lib/pwa/connectivity.svelte';
import type { LocalDb, PouchConstructor, ReplicationEmitter } from './pouch-types';
import { batchingFetch, type UploadProgress } from './push-batches';

let pouchModule: Promise<PouchConstructor> | null = null;

export function loadPouch(): Promise<PouchConstructor> {
	pouchModule ??= import('pouchdb-browser').then(
		(m) => (m as unknown as { default: PouchConstructor }).default
	);
	return pouchModule;
}

export function localDbName(householdId: string): string {
	return `ef-hh-${householdId}`;
}

export async function openLocalDb(householdId: string): Promise<LocalDb> {
	const PouchDB = await loadPouch();
	return new PouchDB(localDbName(householdId), { adapter: 'idb', auto_compaction: true });
}

/** Where each sync request reports whether it got an answer (the app's `connectivity`). */
export interface NetworkReport {
	reached(): void;
	failed(): void;
}

/**
 * The household's database on the server. Every `_bulk_docs` the push sends is split into
 * requests within the server's limits (push-batches.ts); `onUpload` follows what is left to send.
 */
export async function openRemoteDb(
	syncUrl: string,
	network: NetworkReport,
	onUpload: (progress: UploadProgress | null) => void = () => {}
): Promise<unknown> {
	const PouchDB = await loadPouch();
	return new PouchDB(syncUrl, {
		skip_setup: true, // the server creates household databases; a parent never can
		fetch: batchingFetch(reportingFetch(PouchDB, network), { onProgress: onUpload })
	});
}

function reportingFetch(PouchDB: PouchConstructor, network: NetworkReport) {
	return async (url: string, init: RequestInit = {}) => {
		try {
			const response = await PouchDB.fetch(url, { ...init, credentials: 'include' });
			network.reached(); // any HTTP answer, 4xx/5xx included: the network works
			return response;
		} catch (error) {
			if (!isAbort(error)) network.failed(); // a cancelled long-poll says nothing
			throw error;
		}
	};
}

export interface ReplicationHandlers {
	onActive(): void;
	/** Both directions have nothing left to transfer. */
	onCaughtUp(): void;
	onFailure(error: unknown): void;
	onDenied(payload: unknown): void;
	/** The push replication checkpointed this local sequence. */
	onPushedThrough(seq: number): void;
	onPulled(docs: { _id: string; _rev: string }[]): void;
}

export interface RunningReplication {
	cancel(): void;
}

/**
 * The push reads 10 documents at a time: pieces carry their pages (~1 MB each) and the whole
 * batch is in memory before push-batches.ts splits it into requests (S-ATT-2, S-LIM-4).
 */
export const PUSH_OPTIONS = { batch_size: 10 } as const;

/**
 * Two one-way live replications rather than `db.sync()`: the push's checkpoint events tell which
 * local changes reached the server, which `sync()` does not forward. `retry` stays off: the
 * controller owns the backoff so that a 401 can stop instead of retrying forever.
 */
export function replicate(
	local: LocalDb,
	remote: unknown,
	on: ReplicationHandlers
): RunningReplication {
	const live = { live: true, retry: false };
	const push = local.replicate.to(remote, { ...live, ...PUSH_OPTIONS });
	const pull = local.replicate.from(remote, { ...live, batch_size: 50, heartbeat: 25_000 });
	const idle = { push: false, pull: false };
	let stopped = false;

	const stop = () => {
		if (stopped) return;
		stopped = true;
		push.cancel();
		pull.cancel();
	};

	const watch = (direction: 'push' | 'pull', emitter: ReplicationEmitter) => {
		emitter
			.on('active', () => {
				if (stopped) return;
				idle[direction] = false;
				on.onActive();
			})
			.on('paused', (error) => {
				if (stopped || error) return;
				idle[direction] = true;
				if (idle.push && idle.pull) on.onCaughtUp();
			})
			.on('denied', (payload) => {
				if (!stopped) on.onDenied(payload);
			})
			.on('error', (error) => {
				if (stopped) return;
				stop();
				on.onFailure(error);
			});
	};
	watch('push', push);
	watch('pull', pull);

	push.on('checkpoint', (payload) => {
		const seq = (payload as { checkpoint?: unknown } | undefined)?.checkpoint;
		if (!stopped && typeof seq === 'number') on.onPushedThrough(seq);
	});
	pull.on('change', (info) => {
		const docs = (info as { docs?: { _id: string; _rev: string }[] } | undefined)?.docs ?? [];
		if (!stopped && docs.length) on.onPulled(docs);
	});

	return { cancel: stop };
}
