// Dexie store of what this device keeps for itself (ARCHITECTURE "Two stores"): settings,
// per-household sync bookkeeping and a short sync journal for diagnostics. Never the only copy
// of something the family submitted. Loaded lazily, only once a parent is signed in.
import Dexie, { type Table } from 'dexie';
import type { DeniedDoc } from './pending';

export interface SyncMeta {
	householdId: string;
	/** Local sequence the push replication has checkpointed. */
	pushedThrough: number;
	/** Revisions received from the server and not yet passed by the push checkpoint. */
	pulledRevs: Record<string, string>;
	lastSuccessAt: number | null;
	denied: DeniedDoc[];
}

export interface JournalEntry {
	id?: number;
	householdId: string;
	at: number;
	event: string;
	detail?: string;
}

export interface Setting {
	key: string;
	value: unknown;
}

const JOURNAL_LIMIT = 200;

class DeviceDb extends Dexie {
	settings!: Table<Setting, string>;
	syncMeta!: Table<SyncMeta, string>;
	journal!: Table<JournalEntry, number>;

	constructor() {
		super('espace-famille-device');
		this.version(1).stores({
			settings: 'key',
			syncMeta: 'householdId',
			journal: '++id, householdId, at'
		});
	}
}

export const deviceDb = new DeviceDb();

export function emptyMeta(householdId: string): SyncMeta {
	return { householdId, pushedThrough: 0, pulledRevs: {}, lastSuccessAt: null, denied: [] };
}

export async function loadMeta(householdId: string): Promise<SyncMeta> {
	return (await deviceDb.syncMeta.get(householdId)) ?? emptyMeta(householdId);
}

export async function saveMeta(meta: SyncMeta): Promise<void> {
	await deviceDb.syncMeta.put(plainCopy(meta));
}

export async function journal(householdId: string, event: string, detail?: string): Promise<void> {
	await deviceDb.journal.add({ householdId, at: Date.now(), event, detail });
	const count = await deviceDb.journal.count();
	if (count > JOURNAL_LIMIT) {
		const oldest = await deviceDb.journal
			.orderBy('id')
			.limit(count - JOURNAL_LIMIT)
			.primaryKeys();
		await deviceDb.journal.bulkDelete(oldest);
	}
}

export async function recentJournal(householdId: string, limit = 50): Promise<JournalEntry[]> {
	const rows = await deviceDb.journal.where('householdId').equals(householdId).sortBy('at');
	return rows.slice(-limit).reverse();
}

/** Sign-out: nothing of this household stays in the device store. */
export async function forgetHousehold(householdId: string): Promise<void> {
	await deviceDb.transaction('rw', deviceDb.syncMeta, deviceDb.journal, async () => {
		await deviceDb.syncMeta.delete(householdId);
		await deviceDb.journal.where('householdId').equals(householdId).delete();
	});
}

// Plain copy: IndexedDB cannot clone Svelte's state proxies.
function plainCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
