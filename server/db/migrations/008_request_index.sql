-- The staff desk's requests list (issue 9): what it filters, searches and sorts on, kept beside
-- `requests` (server/desk/request-index.ts fills it at projection time). Every list query walks one
-- of these indexes in the order it returns rows (keyset pagination: no sort, no offset); a name
-- search walks `request_terms` by prefix. The number is the rowid: each index ends with it, the
-- keyset's tie-breaker.

CREATE TABLE request_index (
	number INTEGER PRIMARY KEY,                  -- requests.number
	request_id TEXT NOT NULL UNIQUE REFERENCES requests(id),
	household_id TEXT NOT NULL,
	type TEXT NOT NULL,
	status TEXT NOT NULL,                        -- copied from requests by the triggers below
	submitted_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	family_last_name TEXT NOT NULL DEFAULT '',   -- the household's parent (users)
	family_first_names TEXT NOT NULL DEFAULT '',
	people TEXT NOT NULL DEFAULT '[]',           -- JSON [{firstNames, lastName}]: the child, or the declared members
	search_key TEXT NOT NULL DEFAULT '',         -- lower-cased, accent-folded words of the names (« lefevre marie lea »), space around each
	choice1 TEXT,                                -- wished structures, in the family's order
	choice2 TEXT,
	choice3 TEXT,
	wished_date TEXT,                            -- YYYY-MM-DD
	commission TEXT,                             -- '2027-03': the session after submission (commission.ts)
	indexed INTEGER NOT NULL DEFAULT 0           -- 0: names and commission still to fill (refreshed before a read)
);
CREATE INDEX request_index_submitted ON request_index(submitted_at);
CREATE INDEX request_index_updated ON request_index(updated_at);
CREATE INDEX request_index_stale ON request_index(number) WHERE indexed = 0;
-- One index per filter the list may walk by, for each order (submitted, updated, number).
CREATE INDEX request_index_status_submitted ON request_index(status, submitted_at);
CREATE INDEX request_index_status_updated ON request_index(status, updated_at);
CREATE INDEX request_index_status_number ON request_index(status);
CREATE INDEX request_index_type_submitted ON request_index(type, submitted_at);
CREATE INDEX request_index_type_updated ON request_index(type, updated_at);
CREATE INDEX request_index_type_number ON request_index(type);
CREATE INDEX request_index_commission_submitted ON request_index(commission, submitted_at);
CREATE INDEX request_index_commission_updated ON request_index(commission, updated_at);
CREATE INDEX request_index_commission_number ON request_index(commission);
CREATE INDEX request_index_choice1_submitted ON request_index(choice1, submitted_at);
CREATE INDEX request_index_choice1_updated ON request_index(choice1, updated_at);
CREATE INDEX request_index_choice1_number ON request_index(choice1);
CREATE INDEX request_index_choice2_submitted ON request_index(choice2, submitted_at);
CREATE INDEX request_index_choice2_updated ON request_index(choice2, updated_at);
CREATE INDEX request_index_choice2_number ON request_index(choice2);
CREATE INDEX request_index_choice3_submitted ON request_index(choice3, submitted_at);
CREATE INDEX request_index_choice3_updated ON request_index(choice3, updated_at);
CREATE INDEX request_index_choice3_number ON request_index(choice3);

-- Search terms: every word of the family's and the people's names, folded, with the request's
-- submission time: a name search walks the words its longest word begins, each in submission order.
CREATE TABLE request_terms (
	term TEXT NOT NULL,
	at TEXT NOT NULL,                            -- request_index.submitted_at
	n INTEGER NOT NULL,                          -- request_index.number
	PRIMARY KEY (term, at, n)
) WITHOUT ROWID;
CREATE INDEX request_terms_number ON request_terms(n);

-- A request is listed from the moment it exists, whoever inserts it; its status and update time
-- follow every change (the desk's actions update `requests` only).
CREATE TRIGGER request_index_insert AFTER INSERT ON requests BEGIN
	INSERT OR IGNORE INTO request_index (number, request_id, household_id, type, status, submitted_at, updated_at)
	VALUES (NEW.number, NEW.id, NEW.household_id, NEW.type, NEW.status, NEW.submitted_at, NEW.updated_at);
END;
CREATE TRIGGER request_index_update AFTER UPDATE OF status, updated_at ON requests BEGIN
	UPDATE request_index SET status = NEW.status, updated_at = NEW.updated_at WHERE number = NEW.number;
END;
-- A parent who changes their name: the household's requests are indexed again before the next read.
CREATE TRIGGER request_index_family AFTER UPDATE OF last_name, first_names ON users
WHEN NEW.role = 'parent' AND NEW.household_id IS NOT NULL BEGIN
	UPDATE request_index SET indexed = 0 WHERE household_id = NEW.household_id;
END;

-- Existing requests: listed now, names filled by the first read (or at startup).
INSERT INTO request_index (number, request_id, household_id, type, status, submitted_at, updated_at)
SELECT number, id, household_id, type, status, submitted_at, updated_at FROM requests;
