// SQLite access for the replication store: prepared statements over the sync_* tables, nothing else.
// Callers own the transaction; every method is synchronous (better-sqlite3).
import type { Db } from './host';

export interface StoredAttachment {
	content_type: string;
	digest: string;
	length: number;
	revpos: number;
}
export type AttachmentMap = Record<string, StoredAttachment>;

export interface DbRow {
	name: string;
	household_id: string;
	update_seq: number;
	doc_count: number;
	doc_del_count: number;
	revs_limit: number;
}
export interface DocRow {
	doc_id: string;
	seq: number;
	winning_rev: string;
	deleted: number;
	leaves: string;
	rev_tree: string;
}
export interface RevRow {
	rev: string;
	deleted: number;
	body: string;
	attachments: string | null;
}
export interface LocalRow {
	rev: number;
	body: string;
}

function statements(db: Db) {
	return {
		ensureDb: db.prepare('INSERT OR IGNORE INTO sync_dbs (name, household_id) VALUES (?, ?)'),
		getDb: db.prepare<[string], DbRow>('SELECT * FROM sync_dbs WHERE name = ?'),
		nextSeq: db.prepare<[string], { update_seq: number }>(
			'UPDATE sync_dbs SET update_seq = update_seq + 1 WHERE name = ? RETURNING update_seq'
		),
		counts: db.prepare(
			'UPDATE sync_dbs SET doc_count = doc_count + ?, doc_del_count = doc_del_count + ? WHERE name = ?'
		),
		getDoc: db.prepare<[string, string], DocRow>(
			'SELECT * FROM sync_docs WHERE db = ? AND doc_id = ?'
		),
		upsertDoc: db.prepare(
			`INSERT INTO sync_docs (db, doc_id, seq, winning_rev, deleted, leaves, rev_tree) VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (db, doc_id) DO UPDATE SET seq = excluded.seq, winning_rev = excluded.winning_rev,
			 deleted = excluded.deleted, leaves = excluded.leaves, rev_tree = excluded.rev_tree`
		),
		changes: db.prepare<[string, number, number], DocRow>(
			'SELECT * FROM sync_docs WHERE db = ? AND seq > ? ORDER BY seq LIMIT ?'
		),
		liveBodies: db.prepare<[string, string, string], { doc_id: string; body: string }>(
			`SELECT d.doc_id, r.body FROM sync_docs d
			 JOIN sync_revs r ON r.db = d.db AND r.doc_id = d.doc_id AND r.rev = d.winning_rev
			 WHERE d.db = ? AND d.deleted = 0 AND d.doc_id >= ? AND d.doc_id < ?`
		),
		getRev: db.prepare<[string, string, string], RevRow>(
			'SELECT rev, deleted, body, attachments FROM sync_revs WHERE db = ? AND doc_id = ? AND rev = ?'
		),
		listRevs: db.prepare<[string, string], { rev: string; attachments: string | null }>(
			'SELECT rev, attachments FROM sync_revs WHERE db = ? AND doc_id = ?'
		),
		putRev: db.prepare(
			'INSERT OR REPLACE INTO sync_revs (db, doc_id, rev, deleted, body, attachments) VALUES (?, ?, ?, ?, ?, ?)'
		),
		deleteRev: db.prepare('DELETE FROM sync_revs WHERE db = ? AND doc_id = ? AND rev = ?'),
		hasBlob: db.prepare<[string, string], { length: number }>(
			'SELECT length FROM sync_blobs WHERE db = ? AND digest = ?'
		),
		putBlob: db.prepare(
			'INSERT OR IGNORE INTO sync_blobs (db, digest, length, data) VALUES (?, ?, ?, ?)'
		),
		blobHead: db.prepare<[string, string], { head: Buffer }>(
			'SELECT substr(data, 1, 16) AS head FROM sync_blobs WHERE db = ? AND digest = ?'
		),
		getBlob: db.prepare<[string, string], { data: Buffer }>(
			'SELECT data FROM sync_blobs WHERE db = ? AND digest = ?'
		),
		refBlob: db.prepare(
			`INSERT INTO sync_blob_refs (db, digest, refs) VALUES (?, ?, ?)
			 ON CONFLICT (db, digest) DO UPDATE SET refs = refs + excluded.refs`
		),
		blobRefs: db.prepare<[string, string], { refs: number }>(
			'SELECT refs FROM sync_blob_refs WHERE db = ? AND digest = ?'
		),
		dropRefs: db.prepare('DELETE FROM sync_blob_refs WHERE db = ? AND digest = ?'),
		dropBlob: db.prepare('DELETE FROM sync_blobs WHERE db = ? AND digest = ?'),
		getLocal: db.prepare<[string, string], LocalRow>(
			'SELECT rev, body FROM sync_local_docs WHERE db = ? AND doc_id = ?'
		),
		putLocal: db.prepare(
			'INSERT OR REPLACE INTO sync_local_docs (db, doc_id, rev, body) VALUES (?, ?, ?, ?)'
		),
		deleteLocal: db.prepare('DELETE FROM sync_local_docs WHERE db = ? AND doc_id = ?'),
		activeStructure: db.prepare<[string], { id: string }>(
			'SELECT id FROM structures WHERE id = ? AND active = 1'
		)
	};
}
type Statements = ReturnType<typeof statements>;

const cache = new WeakMap<Db, SyncStore>();

export class SyncStore {
	private s: Statements;
	constructor(readonly db: Db) {
		this.s = statements(db);
	}

	/** One store per connection, so statements are prepared once. */
	static for(db: Db): SyncStore {
		let store = cache.get(db);
		if (!store) cache.set(db, (store = new SyncStore(db)));
		return store;
	}

	ensureDb(name: string, householdId: string): DbRow {
		this.s.ensureDb.run(name, householdId);
		return this.s.getDb.get(name)!;
	}
	getDb(name: string): DbRow | undefined {
		return this.s.getDb.get(name);
	}
	nextSeq(name: string): number {
		return this.s.nextSeq.get(name)!.update_seq;
	}
	addCounts(name: string, live: number, deleted: number) {
		if (live || deleted) this.s.counts.run(live, deleted, name);
	}

	getDoc(name: string, id: string): DocRow | undefined {
		return this.s.getDoc.get(name, id);
	}
	upsertDoc(name: string, row: DocRow) {
		this.s.upsertDoc.run(
			name,
			row.doc_id,
			row.seq,
			row.winning_rev,
			row.deleted,
			row.leaves,
			row.rev_tree
		);
	}
	changes(name: string, since: number, limit: number): DocRow[] {
		return this.s.changes.all(name, since, limit);
	}

	getRev(name: string, id: string, rev: string): RevRow | undefined {
		return this.s.getRev.get(name, id, rev);
	}
	/** Stores a revision body and takes a reference on each attachment blob. */
	putRev(
		name: string,
		id: string,
		rev: string,
		deleted: boolean,
		body: string,
		atts: AttachmentMap | null
	) {
		this.s.putRev.run(name, id, rev, deleted ? 1 : 0, body, atts ? JSON.stringify(atts) : null);
		for (const a of Object.values(atts ?? {})) this.s.refBlob.run(name, a.digest, 1);
	}
	/** Drops the bodies of revisions that are no longer leaves, releasing their blobs. */
	pruneRevs(name: string, id: string, keep: Set<string>) {
		for (const r of this.s.listRevs.all(name, id)) {
			if (keep.has(r.rev)) continue;
			this.s.deleteRev.run(name, id, r.rev);
			const atts = r.attachments ? (JSON.parse(r.attachments) as AttachmentMap) : {};
			for (const a of Object.values(atts)) {
				this.s.refBlob.run(name, a.digest, -1);
				if ((this.s.blobRefs.get(name, a.digest)?.refs ?? 0) > 0) continue;
				this.s.dropRefs.run(name, a.digest);
				this.s.dropBlob.run(name, a.digest);
			}
		}
	}

	hasBlob(name: string, digest: string): { length: number } | undefined {
		return this.s.hasBlob.get(name, digest);
	}
	putBlob(name: string, digest: string, data: Uint8Array) {
		this.s.putBlob.run(name, digest, data.length, data);
	}
	/** The first bytes of a stored blob, enough to tell its type (sniffType). */
	blobHead(name: string, digest: string): Buffer | undefined {
		return this.s.blobHead.get(name, digest)?.head;
	}
	getBlob(name: string, digest: string): Buffer | undefined {
		return this.s.getBlob.get(name, digest)?.data;
	}

	/** The winning content of every live document whose id starts with `prefix`. */
	liveBodies(name: string, prefix: string): { id: string; body: Record<string, unknown> }[] {
		return this.s.liveBodies
			.all(name, prefix, `${prefix}\uffff`)
			.map((r) => ({ id: r.doc_id, body: JSON.parse(r.body) as Record<string, unknown> }));
	}

	/** Reference data the validator needs: is this one of the service's open structures? */
	isActiveStructure(id: string): boolean {
		return !!this.s.activeStructure.get(id);
	}

	getLocal(name: string, id: string): LocalRow | undefined {
		return this.s.getLocal.get(name, id);
	}
	putLocal(name: string, id: string, rev: number, body: string) {
		this.s.putLocal.run(name, id, rev, body);
	}
	deleteLocal(name: string, id: string) {
		this.s.deleteLocal.run(name, id);
	}
}
