-- Attachment reference counts move out of sync_blobs: updating a counter in the row that holds the
-- bytes made SQLite rewrite every overflow page of the blob. sync_blobs.refs is no longer used.
CREATE TABLE sync_blob_refs (
	db TEXT NOT NULL,
	digest TEXT NOT NULL,
	refs INTEGER NOT NULL,
	PRIMARY KEY (db, digest)
) WITHOUT ROWID;
INSERT INTO sync_blob_refs (db, digest, refs) SELECT db, digest, refs FROM sync_blobs WHERE refs > 0;
