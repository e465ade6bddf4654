-- Replication store: one CouchDB-compatible database per household (sync/server/).
-- Rev trees are JSON as pouchdb-merge builds them; only leaf revisions keep a body (auto-compaction).

CREATE TABLE sync_dbs (
	name TEXT PRIMARY KEY,                       -- 'hh-<household id>'
	household_id TEXT NOT NULL UNIQUE REFERENCES households(id) ON DELETE CASCADE,
	update_seq INTEGER NOT NULL DEFAULT 0,
	doc_count INTEGER NOT NULL DEFAULT 0,        -- documents whose winning revision is not deleted
	doc_del_count INTEGER NOT NULL DEFAULT 0,
	revs_limit INTEGER NOT NULL DEFAULT 1000
);

-- One row per document: where it sits in the changes feed and its merged rev tree.
CREATE TABLE sync_docs (
	db TEXT NOT NULL,
	doc_id TEXT NOT NULL,
	seq INTEGER NOT NULL,
	winning_rev TEXT NOT NULL,
	deleted INTEGER NOT NULL,
	leaves TEXT NOT NULL,                        -- JSON [rev…], winner first, for style=all_docs
	rev_tree TEXT NOT NULL,                      -- JSON, pouchdb-merge format
	PRIMARY KEY (db, doc_id)
) WITHOUT ROWID;
-- _changes since a recent seq walks this index only: same cost with 10 or 1 000 000 docs.
CREATE UNIQUE INDEX sync_docs_seq ON sync_docs(db, seq);

-- Bodies of leaf revisions (JSON without the _ fields); attachments as stubs referencing sync_blobs.
CREATE TABLE sync_revs (
	db TEXT NOT NULL,
	doc_id TEXT NOT NULL,
	rev TEXT NOT NULL,
	deleted INTEGER NOT NULL,
	body TEXT NOT NULL,
	attachments TEXT,                            -- JSON {name: {content_type, digest, length, revpos}}
	PRIMARY KEY (db, doc_id, rev)
);

-- Attachment bytes, stored once per digest within a database, counted by references.
CREATE TABLE sync_blobs (
	db TEXT NOT NULL,
	digest TEXT NOT NULL,                        -- 'md5-<base64>' as CouchDB and PouchDB compute it
	length INTEGER NOT NULL,
	data BLOB NOT NULL,
	refs INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (db, digest)
);

-- Replication checkpoints and other _local documents: never replicated, no rev tree.
CREATE TABLE sync_local_docs (
	db TEXT NOT NULL,
	doc_id TEXT NOT NULL,                        -- without the '_local/' prefix
	rev INTEGER NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (db, doc_id)
) WITHOUT ROWID;

-- The replication id PouchDB derives from GET /sync/ must survive restarts.
INSERT OR IGNORE INTO settings (key, value) VALUES ('sync.server_uuid', lower(hex(randomblob(16))));
