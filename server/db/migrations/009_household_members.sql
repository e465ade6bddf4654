-- Staff desk (issue 9), the family's side: the answers to « Pièces demandées » and the household
-- file (members of entourage declarations the service validated).

-- A submitted `reply:<uuid>` document (the family sends the pieces asked for), projected once:
-- like `requests` for a request, this row is the source of truth of the reply's submitted
-- revision, so the submitted-document lock (SYNC_SPEC S-OWN-3..5) keeps it. The desk lists the
-- pieces of a request and of its replies.
CREATE TABLE request_replies (
	id TEXT PRIMARY KEY,
	request_id TEXT NOT NULL REFERENCES requests(id),
	household_id TEXT NOT NULL REFERENCES households(id),
	doc_id TEXT NOT NULL,
	doc_rev TEXT,
	piece_ids TEXT NOT NULL,                     -- JSON list of piece document ids
	comment TEXT,
	submitted_at TEXT NOT NULL,
	UNIQUE (household_id, doc_id)
);
CREATE INDEX request_replies_request ON request_replies(request_id, submitted_at);

-- The agent's decision on each member of an entourage declaration (none yet: pending).
CREATE TABLE member_decisions (
	request_id TEXT NOT NULL REFERENCES requests(id),
	member_id TEXT NOT NULL,                     -- the member's id in the declaration
	decision TEXT NOT NULL CHECK (decision IN ('pending', 'validated', 'refused')),
	reason TEXT,
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT NOT NULL,
	PRIMARY KEY (request_id, member_id)
);

-- The household file: one row per validated member (child, co-parent, contact), copied from the
-- declaration when the agent validates it; removed if the agent refuses it afterwards.
CREATE TABLE household_members (
	household_id TEXT NOT NULL REFERENCES households(id),
	member_id TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('coRepresentative', 'child', 'contact')),
	civility TEXT,
	last_name TEXT NOT NULL,
	first_names TEXT NOT NULL,
	birth_date TEXT,                             -- born members
	expected_birth_date TEXT,                    -- a child to be born
	relationship TEXT,                           -- contacts
	source_doc_id TEXT NOT NULL,                 -- the entourage document it was declared in
	request_id TEXT NOT NULL REFERENCES requests(id),
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT NOT NULL,
	PRIMARY KEY (household_id, member_id)
);
