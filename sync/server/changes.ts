// The changes feed of a household database, read from the (db, seq) index (S-CHG-*).
import type { DocReader } from './read';
import type { DocRow, SyncStore } from './store';

export interface ChangesQuery {
	since: number;
	limit: number;
	allDocs: boolean;
	docIds: string[] | null;
	includeDocs: boolean;
	conflicts: boolean;
}

export interface Change {
	seq: number;
	id: string;
	changes: { rev: string }[];
	deleted?: true;
	doc?: unknown;
}

export function readChanges(store: SyncStore, reader: DocReader, dbName: string, q: ChangesQuery) {
	let rows: DocRow[];
	if (q.docIds) {
		rows = q.docIds
			.map((id) => store.getDoc(dbName, id))
			.filter((r): r is DocRow => !!r && r.seq > q.since)
			.sort((x, y) => x.seq - y.seq)
			.slice(0, q.limit);
	} else {
		rows = store.changes(dbName, q.since, q.limit);
	}
	const updateSeq = store.getDb(dbName)?.update_seq ?? 0;
	const results: Change[] = rows.map((r) => {
		const leaves = q.allDocs ? (JSON.parse(r.leaves) as string[]) : [r.winning_rev];
		const change: Change = { seq: r.seq, id: r.doc_id, changes: leaves.map((rev) => ({ rev })) };
		if (r.deleted) change.deleted = true;
		if (q.includeDocs) {
			const found = reader.doc(r.doc_id);
			change.doc = found
				? reader.render(r.doc_id, found.tree, r.winning_rev, { conflicts: q.conflicts })
				: null;
		}
		return change;
	});
	// A full page may have more behind it: resume from its last seq; otherwise we are up to date.
	const last_seq =
		rows.length >= q.limit
			? rows[rows.length - 1]!.seq
			: Math.max(updateSeq, rows.at(-1)?.seq ?? 0);
	return { results, last_seq };
}
