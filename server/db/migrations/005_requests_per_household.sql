-- A request is identified by its household and document id (the same id in two households makes two
-- requests), and remembers the submitted revision its household document must keep as the winner
-- (SYNC_SPEC S-OWN-4, S-PROJ-3). SQLite cannot change a UNIQUE constraint: the table is rebuilt.

CREATE TABLE requests_new (
	id TEXT PRIMARY KEY,
	number INTEGER NOT NULL UNIQUE,              -- shown to families as « Demande n° <number> »
	household_id TEXT NOT NULL REFERENCES households(id),
	doc_id TEXT NOT NULL,                        -- the household document it comes from
	doc_rev TEXT,                                -- its submitted revision: the winner on every replica
	type TEXT NOT NULL,                          -- 'preinscription' | 'entourage'
	status TEXT NOT NULL CHECK (status IN ('Déposée', 'En cours de traitement', 'Acceptée', 'Refusée', 'Annulée')),
	submitted_at TEXT NOT NULL,                  -- ISO timestamp of the projection
	updated_at TEXT NOT NULL,
	UNIQUE (household_id, doc_id)                -- makes replays idempotent, per household
);

-- The submitted revision of existing requests: the live submitted leaf that pouchdb-merge would
-- make win among submitted leaves (longest, then highest hash). Only leaves keep a body.
INSERT INTO requests_new (id, number, household_id, doc_id, doc_rev, type, status, submitted_at, updated_at)
SELECT q.id, q.number, q.household_id, q.doc_id,
	(SELECT r.rev FROM sync_revs r
	 WHERE r.db = 'hh-' || q.household_id AND r.doc_id = q.doc_id AND r.deleted = 0
	   AND json_extract(r.body, '$.state') = 'submitted'
	 ORDER BY CAST(substr(r.rev, 1, instr(r.rev, '-') - 1) AS INTEGER) DESC, r.rev DESC
	 LIMIT 1),
	q.type, q.status, q.submitted_at, q.updated_at
FROM requests q;

DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;
CREATE INDEX requests_household ON requests(household_id, submitted_at);
CREATE INDEX requests_status ON requests(status, submitted_at);
