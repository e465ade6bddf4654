-- Numbered requests projected from submitted household documents (sync/server/projectors/).

CREATE TABLE requests (
	id TEXT PRIMARY KEY,
	number INTEGER NOT NULL UNIQUE,              -- shown to families as « Demande n° <number> »
	household_id TEXT NOT NULL REFERENCES households(id),
	doc_id TEXT NOT NULL UNIQUE,                 -- the household document it comes from; makes replays idempotent
	type TEXT NOT NULL,                          -- 'preinscription' | 'entourage'
	status TEXT NOT NULL CHECK (status IN ('Déposée', 'En cours de traitement', 'Acceptée', 'Refusée', 'Annulée')),
	submitted_at TEXT NOT NULL,                  -- ISO timestamp of the projection
	updated_at TEXT NOT NULL
);
CREATE INDEX requests_household ON requests(household_id, submitted_at);
CREATE INDEX requests_status ON requests(status, submitted_at);
