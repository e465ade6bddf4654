// The shared base of the document services: the one place under src/ that reads and writes the
// household's PouchDB, always through `syncManager.db()` (a `DbSource`, replaced in tests).
// Components call the services (`*.service.ts`), never PouchDB.
import type { LocalDb, StoredDoc } from '$sync/pouch-types';

export type { StoredDoc };
export type DbSource = () => Promise<LocalDb>;

/** A refusal the parent can read: `message` is a French sentence. */
export class DocumentError extends Error {
	constructor(
		message: string,
		readonly code: 'invalid' | 'submitted' | 'not-found'
	) {
		super(message);
		this.name = 'DocumentError';
	}
}

const MAX_ATTEMPTS = 5;
const isStatus = (error: unknown, status: number) =>
	typeof error === 'object' && error !== null && (error as { status?: number }).status === status;

export interface DocumentStore {
	get(id: string): Promise<StoredDoc | null>;
	/** Every live document whose id starts with `prefix`, in id order. */
	list(prefix: string): Promise<StoredDoc[]>;
	/**
	 * Writes `next(current)` (current = null when absent) on top of the latest revision. Writes of
	 * one document from this page run one after the other, in call order (autosave); another
	 * write in between (a pull, another tab) makes it read again and retry.
	 */
	update(id: string, next: (current: StoredDoc | null) => StoredDoc | null): Promise<StoredDoc>;
	remove(id: string): Promise<void>;
	/**
	 * Calls `load` now and after every local change of a document whose id starts with `prefix`
	 * (the local changes feed: the parent's writes and what replication pulls), and gives its
	 * latest result to `listener`. Returns the function that stops watching.
	 */
	watch<T>(prefix: string, load: () => Promise<T>, listener: (value: T) => void): () => void;
	/** Calls every watcher of `prefix` again (device-side state that is not in the changes feed). */
	touch(prefix: string): void;
}

/** Writes of this page, per document id: one at a time, in the order they were asked for. */
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(id: string, task: () => Promise<T>): Promise<T> {
	const run = (queues.get(id) ?? Promise.resolve()).then(task, task);
	const settled = run.then(
		() => {},
		() => {}
	);
	queues.set(id, settled);
	void settled.then(() => {
		if (queues.get(id) === settled) queues.delete(id);
	});
	return run;
}

export function createDocumentStore(source: DbSource): DocumentStore {
	const touched = new Map<string, Set<() => void>>();

	async function get(id: string): Promise<StoredDoc | null> {
		const db = await source();
		try {
			return await db.get(id);
		} catch (error) {
			if (isStatus(error, 404)) return null;
			throw error;
		}
	}

	async function list(prefix: string): Promise<StoredDoc[]> {
		const db = await source();
		const { rows } = await db.allDocs({
			include_docs: true,
			startkey: prefix,
			endkey: `${prefix}\ufff0`
		});
		return rows.flatMap((r) => (r.doc ? [r.doc] : []));
	}

	function update(
		id: string,
		next: (current: StoredDoc | null) => StoredDoc | null
	): Promise<StoredDoc> {
		return serialized(id, () => write(id, next));
	}

	async function write(
		id: string,
		next: (current: StoredDoc | null) => StoredDoc | null
	): Promise<StoredDoc> {
		const db = await source();
		for (let attempt = 1; ; attempt++) {
			const current = await get(id);
			const doc = next(current);
			if (doc === null || doc === current) return current as StoredDoc;
			const toWrite = { ...doc, _id: id };
			if (current?._rev) toWrite._rev = current._rev;
			else delete toWrite._rev;
			try {
				const { rev } = await db.put(toWrite);
				return { ...toWrite, _rev: rev };
			} catch (error) {
				if (!isStatus(error, 409) || attempt >= MAX_ATTEMPTS) throw error;
			}
		}
	}

	async function remove(id: string): Promise<void> {
		const db = await source();
		const current = await get(id);
		if (current) await db.remove(current);
	}

	function watch<T>(prefix: string, load: () => Promise<T>, listener: (value: T) => void) {
		let stopped = false;
		let latest = 0;
		let cancelFeed: (() => void) | null = null;
		const refresh = async () => {
			const call = ++latest;
			try {
				const value = await load();
				if (!stopped && call === latest) listener(value);
			} catch {
				// the database closed (sign-out) or is not open yet: nothing to show
			}
		};
		const watchers = touched.get(prefix) ?? new Set();
		touched.set(prefix, watchers);
		watchers.add(refresh);
		void source()
			.then((db) => {
				if (stopped) return;
				const feed = db
					.changes({ since: 'now', live: true, return_docs: false })
					.on('change', (change) => {
						if (change.id.startsWith(prefix)) void refresh();
					})
					.on('error', () => {});
				cancelFeed = () => feed.cancel();
				void refresh();
			})
			.catch(() => {});
		return () => {
			stopped = true;
			watchers.delete(refresh);
			cancelFeed?.();
		};
	}

	function touch(prefix: string) {
		for (const refresh of touched.get(prefix) ?? []) refresh();
	}

	return { get, list, update, remove, watch, touch };
}

export const nowIso = () => new Date().toISOString();
