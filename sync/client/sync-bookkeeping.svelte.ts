/// <reference types="svelte" />
// What the sync controller remembers about one household's database, reactive for the status bar
// and storage screen: how many local documents are not on the server yet (`pending`), those the
// server refused with its French reason (`denied`), and the device bookkeeping behind them
// (push checkpoint, revisions that came from the server, journal), saved in Dexie.
import type { SyncMeta } from './device-db';
import {
	computePending,
	forgetRetriedDenials,
	recordDenial,
	toDeniedDoc,
	type DeniedDoc
} from './pending';
import type { LocalDb } from './pouch-types';

type DeviceDbModule = typeof import('./device-db');

export class SyncBookkeeping {
	/** Local documents not yet on the server. */
	pending = $state(0);
	/** Their ids (« En attente d’envoi » per item in the UI). */
	pendingIds = $state.raw<readonly string[]>([]);
	/** Documents the server refused, with its French reason. */
	denied = $state<DeniedDoc[]>([]);

	#meta: SyncMeta | null = null;
	#local: LocalDb | null = null;
	#householdId: string | null = null;
	#recountTimer: ReturnType<typeof setTimeout> | null = null;
	readonly #device: () => Promise<DeviceDbModule>;

	constructor(device: () => Promise<DeviceDbModule>) {
		this.#device = device;
	}

	get meta(): SyncMeta | null {
		return this.#meta;
	}

	/** Loads the household's bookkeeping for its open local database, then counts. */
	async open(householdId: string, local: LocalDb): Promise<SyncMeta> {
		this.#meta = await (await this.#device()).loadMeta(householdId);
		this.#householdId = householdId;
		this.#local = local;
		this.denied = this.#meta.denied;
		return this.#meta;
	}

	/** The database closed (stop): keep the counts on screen, stop counting. */
	close(): void {
		this.#local = null;
		this.#householdId = null;
		this.#clearTimer();
	}

	/** Sign-out erased the household: forget everything. */
	reset(): void {
		this.close();
		this.pending = 0;
		this.pendingIds = [];
		this.denied = [];
		this.#meta = null;
	}

	denial(payload: unknown): void {
		const doc = toDeniedDoc(payload);
		if (!doc) return;
		this.denied = recordDenial(this.denied, doc);
		this.update({ denied: this.denied });
		void this.log('denied', `${doc.id}: ${doc.reason}`);
	}

	pulled(docs: { _id: string; _rev: string }[]): void {
		const pulledRevs = { ...this.#meta?.pulledRevs };
		for (const doc of docs) pulledRevs[doc._id] = doc._rev;
		this.update({ pulledRevs });
	}

	/**
	 * A change of the local database: true when a pull brought one of its leaves, else the
	 * parent edited (a refused document edited again leaves the refused list).
	 */
	localChange(id: string, leaves: string[]): boolean {
		const pulled = this.#meta?.pulledRevs[id];
		this.scheduleRecount();
		if (pulled !== undefined && leaves.includes(pulled)) return true;
		if (this.denied.some((d) => d.id === id)) {
			this.denied = forgetRetriedDenials(this.denied, [id]);
			this.update({ denied: this.denied });
		}
		return false;
	}

	update(patch: Partial<SyncMeta>): void {
		if (!this.#meta) return;
		this.#meta = { ...this.#meta, ...patch };
		const snapshot = this.#meta;
		void this.#device().then((device) => device.saveMeta(snapshot));
		if ('pushedThrough' in patch || 'pulledRevs' in patch) this.scheduleRecount();
	}

	scheduleRecount(): void {
		this.#clearTimer();
		this.#recountTimer = setTimeout(() => void this.recount(), 150);
	}

	async recount(): Promise<void> {
		const local = this.#local;
		const meta = this.#meta;
		if (!local || !meta) return;
		const feed = await local
			.changes({ since: meta.pushedThrough, style: 'main_only', return_docs: true })
			.catch(() => null); // the database may close under us during a sign-out
		if (!feed || this.#local !== local) return;
		const result = computePending(feed.results, meta.pulledRevs, this.denied);
		this.pending = result.ids.length;
		this.pendingIds = result.ids;
		meta.pulledRevs = result.pulledRevs;
	}

	async log(event: string, detail?: string): Promise<void> {
		if (!this.#householdId) return;
		const device = await this.#device();
		await device.journal(this.#householdId, event, detail).catch(() => {});
	}

	#clearTimer(): void {
		if (this.#recountTimer) clearTimeout(this.#recountTimer);
		this.#recountTimer = null;
	}
}
