// Writes into a household database from the server itself, outside a parent's /sync request: the
// service's documents (`svc:*`, actor "service") for the staff desk and the demo, and — for the
// demo seed only — a parent's document as if the family had sent it (actor "parent", so it goes
// through the same checks and projectors as a real one). One transaction per call; the
// household's live feeds are woken like after any write.
import type { Db, SyncHost } from './host';
import { householdDbName } from './access';
import { bulkDocs, onCurrentRevision, type Actor, type DocResult } from './bulk-docs';
import { SyncStore } from './store';

export function writeHouseholdDocs(
	host: SyncHost,
	householdId: string,
	docs: Record<string, unknown>[],
	actor: Actor = 'service'
): DocResult[] {
	const store = SyncStore.for(host.db);
	const name = householdDbName(householdId);
	const db = store.getDb(name) ?? store.ensureDb(name, householdId);
	const withRevs = docs.map((doc) => onCurrentRevision(store, name, doc));
	return bulkDocs({ host, store, db }, withRevs, true, actor);
}

/**
 * Reads a document of a household database from the server (the staff desk): the given revision,
 * else the winner; null when missing or deleted.
 */
export function readHouseholdDoc(
	deps: { db: Db },
	householdId: string,
	id: string,
	rev?: string | null
): Record<string, unknown> | null {
	const store = SyncStore.for(deps.db);
	const name = householdDbName(householdId);
	const row = store.getDoc(name, id);
	if (!row) return null;
	const stored = store.getRev(name, id, rev ?? row.winning_rev);
	if (!stored || stored.deleted) return null;
	return JSON.parse(stored.body) as Record<string, unknown>;
}
