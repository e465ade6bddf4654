-- Staff desk (issue 9): the statuses of src/lib/domain/request-status.ts, and the request history
-- that is also the desk's event log (server-sent events resume from its id: Last-Event-ID).

-- Old labels map onto the desk's: « En cours de traitement » → « En cours d’instruction »,
-- « Acceptée » → « Complète », « Annulée » → « Classée sans suite ».
CREATE TABLE requests_new (
	id TEXT PRIMARY KEY,
	number INTEGER NOT NULL UNIQUE,
	household_id TEXT NOT NULL REFERENCES households(id),
	doc_id TEXT NOT NULL,
	doc_rev TEXT,
	type TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('Déposée', 'En cours d’instruction', 'Pièces demandées',
		'Pièces reçues', 'Complète', 'Refusée', 'Classée sans suite')),
	submitted_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- Bumped by every status change: an action names the version it saw, so two agents acting at
	-- once cannot both win (the second gets 409).
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (household_id, doc_id)
);
INSERT INTO requests_new (id, number, household_id, doc_id, doc_rev, type, status, submitted_at, updated_at)
SELECT id, number, household_id, doc_id, doc_rev, type,
	CASE status
		WHEN 'En cours de traitement' THEN 'En cours d’instruction'
		WHEN 'Acceptée' THEN 'Complète'
		WHEN 'Annulée' THEN 'Classée sans suite'
		ELSE status END,
	submitted_at, updated_at
FROM requests;
DROP TABLE requests;
ALTER TABLE requests_new RENAME TO requests;
CREATE INDEX requests_household ON requests(household_id, submitted_at);
CREATE INDEX requests_status ON requests(status, submitted_at);

-- Every change of a request, in order: its submission, each agent's action (with the agent's
-- name), the family's answer. The id orders events for the desk's live feed and webhooks.
CREATE TABLE request_events (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	request_id TEXT NOT NULL REFERENCES requests(id),
	number INTEGER NOT NULL,
	action TEXT NOT NULL,                        -- 'submit' | 'take' | 'ask-pieces' | 'pieces-sent' | 'complete' | 'refuse' | 'close'
	status TEXT NOT NULL,                        -- the status after the event
	actor_id TEXT REFERENCES users(id),          -- NULL for the family's device sync
	actor_name TEXT NOT NULL,                    -- shown in the history
	comment TEXT,
	message TEXT,
	reason TEXT,
	at INTEGER NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id, id);

-- Existing requests get their submission as first event.
INSERT INTO request_events (request_id, number, action, status, actor_name, at)
SELECT id, number, 'submit', 'Déposée', 'Famille',
	CAST(strftime('%s', submitted_at) AS INTEGER) * 1000
FROM requests ORDER BY number;
