-- migrate: rebuilds-tables
-- Allocation commission (issue 10): sessions on a calendar, a versioned scoring grid, the places
-- freed per structure and age group, the proposal's manual adjustments, the frozen decisions, the
-- offers families accept or decline, and the contract an accepted place becomes.

-- The request statuses gain the commission's outcomes (src/lib/domain/request-status.ts).
-- SQLite cannot change a CHECK: the table is rebuilt (foreign keys off, see REBUILD_MARK), and its
-- indexes and the desk's list-index triggers (008) are created again.
CREATE TABLE requests_new (
	id TEXT PRIMARY KEY,
	number INTEGER NOT NULL UNIQUE,
	household_id TEXT NOT NULL REFERENCES households(id),
	doc_id TEXT NOT NULL,
	doc_rev TEXT,
	type TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('Déposée', 'En cours d’instruction', 'Pièces demandées',
		'Pièces reçues', 'Complète', 'Refusée', 'Classée sans suite', 'Place proposée',
		'Liste d’attente', 'Admis', 'Place déclinée')),
	submitted_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (household_id, doc_id)
);
INSERT INTO requests_new (id, number, household_id, doc_id, doc_rev, type, status, submitted_at, updated_at, version)
SELECT id, number, household_id, doc_id, doc_rev, type, status, submitted_at, updated_at, version FROM requests;
DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;
CREATE INDEX requests_household ON requests(household_id, submitted_at);
CREATE INDEX requests_status ON requests(status, submitted_at);
CREATE TRIGGER request_index_insert AFTER INSERT ON requests BEGIN
	INSERT OR IGNORE INTO request_index (number, request_id, household_id, type, status, submitted_at, updated_at)
	VALUES (NEW.number, NEW.id, NEW.household_id, NEW.type, NEW.status, NEW.submitted_at, NEW.updated_at);
END;
CREATE TRIGGER request_index_update AFTER UPDATE OF status, updated_at ON requests BEGIN
	UPDATE request_index SET status = NEW.status, updated_at = NEW.updated_at WHERE number = NEW.number;
END;

-- The scoring grid, versioned: editing it makes a new version; a session closes on the version in
-- force and keeps it (minutes, the family's explanation). Criteria of a version never change.
CREATE TABLE commission_grids (
	version INTEGER PRIMARY KEY,
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),       -- NULL for the default grid
	note TEXT                                   -- what changed, as the admin typed it
);
CREATE TABLE commission_criteria (
	version INTEGER NOT NULL REFERENCES commission_grids(version),
	id TEXT NOT NULL,                           -- stable across versions ('bothParentsWorking', 'manual-…')
	position INTEGER NOT NULL,
	label TEXT NOT NULL,
	points INTEGER NOT NULL,
	source TEXT NOT NULL CHECK (source IN ('questionnaire', 'household', 'seniority', 'manual')),
	rule TEXT NOT NULL,                         -- how it is derived (CRITERION_RULES in the domain)
	max_points INTEGER,                         -- seniority: the cap
	PRIMARY KEY (version, id)
);

-- The year's sessions. `date` is the day the commission meets; it examines complete requests
-- whose wished entry date falls in [period_start, period_end].
CREATE TABLE commission_sessions (
	id TEXT PRIMARY KEY,
	date TEXT NOT NULL UNIQUE,                  -- YYYY-MM-DD
	period_start TEXT NOT NULL,
	period_end TEXT NOT NULL,
	reminder_days INTEGER NOT NULL DEFAULT 14,  -- families are asked to confirm this many days before
	state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'closed')),
	grid_version INTEGER REFERENCES commission_grids(version), -- set when closed
	members TEXT,                               -- members present, as the agent typed them
	reminded_at INTEGER,                        -- when the reminder went out (once)
	closed_at INTEGER,
	closed_by TEXT REFERENCES users(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (period_start <= period_end)
);

-- Places freed for a session, per structure and age group ('babies' | 'toddlers' | 'older').
CREATE TABLE commission_capacities (
	session_id TEXT NOT NULL REFERENCES commission_sessions(id),
	structure_id TEXT NOT NULL REFERENCES structures(id),
	age_group TEXT NOT NULL CHECK (age_group IN ('babies', 'toddlers', 'older')),
	places INTEGER NOT NULL CHECK (places >= 0),
	PRIMARY KEY (session_id, structure_id, age_group)
);

-- An agent's check of a manual criterion on a request (e.g. a disability attested by a piece).
CREATE TABLE commission_checks (
	request_id TEXT NOT NULL REFERENCES requests(id),
	criterion_id TEXT NOT NULL,
	met INTEGER NOT NULL CHECK (met IN (0, 1)),
	note TEXT,
	checked_by TEXT REFERENCES users(id),
	checked_at INTEGER NOT NULL,
	PRIMARY KEY (request_id, criterion_id)
);

-- A family's confirmation (or update) of its situation before a session: a submitted
-- `confirmation:<uuid>` document, projected once; its questionnaire replaces the request's for
-- the score. A request without one after the reminder is flagged on the session's screen.
CREATE TABLE commission_confirmations (
	session_id TEXT NOT NULL REFERENCES commission_sessions(id),
	request_id TEXT NOT NULL REFERENCES requests(id),
	household_id TEXT NOT NULL REFERENCES households(id),
	doc_id TEXT NOT NULL,
	doc_rev TEXT,
	questionnaire TEXT NOT NULL,                -- JSON {residentInArea, professionalSituation}
	comment TEXT,
	confirmed_at INTEGER NOT NULL,
	PRIMARY KEY (session_id, request_id),
	UNIQUE (household_id, doc_id)
);

-- The agents' adjustments of the proposal before closing, one per request and session (the last
-- one wins): assign to a structure, hold (not examined this time), waiting list, refuse.
CREATE TABLE commission_adjustments (
	session_id TEXT NOT NULL REFERENCES commission_sessions(id),
	request_id TEXT NOT NULL REFERENCES requests(id),
	kind TEXT NOT NULL CHECK (kind IN ('assign', 'hold', 'waitlist', 'refuse')),
	structure_id TEXT REFERENCES structures(id),
	reason TEXT NOT NULL,
	by_id TEXT REFERENCES users(id),
	by_name TEXT NOT NULL,
	at INTEGER NOT NULL,
	PRIMARY KEY (session_id, request_id)
);

-- The session's decisions, frozen when it closes (one per examined request).
CREATE TABLE commission_decisions (
	session_id TEXT NOT NULL REFERENCES commission_sessions(id),
	request_id TEXT NOT NULL REFERENCES requests(id),
	outcome TEXT NOT NULL CHECK (outcome IN ('offer', 'waitlist', 'refuse', 'hold')),
	structure_id TEXT REFERENCES structures(id), -- offer: the structure
	age_group TEXT CHECK (age_group IN ('babies', 'toddlers', 'older')),
	score INTEGER NOT NULL,
	score_lines TEXT NOT NULL,                  -- JSON: the explanation, line by line
	reason TEXT,                                -- refuse, or a manual adjustment's reason
	manual INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (session_id, request_id)
);

-- Waiting lists per structure and age group: the rank of each waiting request, kept working
-- between sessions (a declined place goes to the first one still waiting).
CREATE TABLE commission_waitlist (
	structure_id TEXT NOT NULL REFERENCES structures(id),
	age_group TEXT NOT NULL CHECK (age_group IN ('babies', 'toddlers', 'older')),
	request_id TEXT NOT NULL REFERENCES requests(id),
	session_id TEXT NOT NULL REFERENCES commission_sessions(id),
	rank INTEGER NOT NULL,
	score INTEGER NOT NULL,
	PRIMARY KEY (structure_id, age_group, request_id)
);
CREATE INDEX commission_waitlist_rank ON commission_waitlist(structure_id, age_group, rank);

-- A place offered to a family: at a session's close, or later from a waiting list.
CREATE TABLE offers (
	id TEXT PRIMARY KEY,                        -- uuid, named by the family's answer document
	request_id TEXT NOT NULL REFERENCES requests(id),
	household_id TEXT NOT NULL REFERENCES households(id),
	session_id TEXT NOT NULL REFERENCES commission_sessions(id),
	structure_id TEXT NOT NULL REFERENCES structures(id),
	age_group TEXT NOT NULL CHECK (age_group IN ('babies', 'toddlers', 'older')),
	start_date TEXT NOT NULL,                   -- YYYY-MM-DD
	offered_at INTEGER NOT NULL,
	deadline INTEGER NOT NULL,                  -- answer by then (server clock); grace for offline answers
	source TEXT NOT NULL CHECK (source IN ('session', 'waitlist')),
	state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined', 'expired')),
	answered_at INTEGER,                        -- server arrival of the answer
	answer_doc_id TEXT,                         -- the family's `offer-answer:<uuid>` document
	answer_doc_rev TEXT,
	decline_reason TEXT
);
CREATE INDEX offers_request ON offers(request_id);
CREATE INDEX offers_pending ON offers(state, deadline);
CREATE UNIQUE INDEX offers_answer_doc ON offers(household_id, answer_doc_id) WHERE answer_doc_id IS NOT NULL;

-- An accepted place: the child's contract, what billing starts from.
CREATE TABLE contracts (
	id TEXT PRIMARY KEY,
	household_id TEXT NOT NULL REFERENCES households(id),
	request_id TEXT NOT NULL UNIQUE REFERENCES requests(id),
	offer_id TEXT NOT NULL UNIQUE REFERENCES offers(id),
	child_id TEXT NOT NULL,                     -- the child's member id (preinscription.childId)
	child_name TEXT NOT NULL,
	structure_id TEXT NOT NULL REFERENCES structures(id),
	age_group TEXT NOT NULL CHECK (age_group IN ('babies', 'toddlers', 'older')),
	start_date TEXT NOT NULL,
	weekly_schedule TEXT,                       -- JSON, NULL while « à convenir »
	status TEXT NOT NULL DEFAULT 'Admis',
	created_at INTEGER NOT NULL
);
CREATE INDEX contracts_household ON contracts(household_id);
CREATE INDEX contracts_structure ON contracts(structure_id, status);
