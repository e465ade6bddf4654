// How long `_changes?since=<recent>` takes with 10 and with 1 000 000 documents stored (S-CHG-1):
// rows are inserted straight into sync_docs, then the store's changes query is timed.
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../server/db';
import { SyncStore } from '../server/store';

function fill(store: SyncStore, name: string, count: number) {
	const db = store.db;
	db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(
		name.slice(3),
		new Date().toISOString()
	);
	store.ensureDb(name, name.slice(3));
	const insert = db.prepare(
		"INSERT INTO sync_docs (db, doc_id, seq, winning_rev, deleted, leaves, rev_tree) VALUES (?, ?, ?, '1-a', 0, '[\"1-a\"]', '[]')"
	);
	db.transaction(() => {
		for (let i = 1; i <= count; i++) insert.run(name, `preinscription:${i}`, i);
	})();
	db.prepare('UPDATE sync_dbs SET update_seq = ? WHERE name = ?').run(count, name);
}

/** Mean microseconds of a changes query for the last `recent` sequences. */
function timeChanges(store: SyncStore, name: string, count: number, recent = 5): number {
	const runs = 2000;
	const t = performance.now();
	for (let i = 0; i < runs; i++) store.changes(name, count - recent, 100);
	return ((performance.now() - t) * 1000) / runs;
}

export function changesScale(): { docs: number; micros: number }[] {
	const store = new SyncStore(openDatabase(':memory:'));
	return [10, 1_000_000].map((docs) => {
		const name = `hh-${randomUUID()}`;
		fill(store, name, docs);
		return { docs, micros: timeChanges(store, name, docs) };
	});
}
