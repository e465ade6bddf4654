-- Core relational model: households, accounts, sessions, tokens, throttling, outbox, reference data.

CREATE TABLE households (
	id TEXT PRIMARY KEY,
	created_at TEXT NOT NULL
);

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	username TEXT NOT NULL,
	username_key TEXT NOT NULL UNIQUE,          -- lower-cased, for case-insensitive uniqueness
	email TEXT NOT NULL,
	email_key TEXT NOT NULL,                    -- lower-cased
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('parent', 'staff', 'admin')),
	household_id TEXT REFERENCES households(id),
	civility TEXT CHECK (civility IN ('Madame', 'Monsieur')),
	last_name TEXT NOT NULL,
	birth_name TEXT,
	first_names TEXT NOT NULL,
	birth_date TEXT,
	address_number TEXT,
	address_street TEXT,
	address_building TEXT,
	address_apartment TEXT,
	address_complement TEXT,
	address_postal_code TEXT,
	address_city TEXT,
	phone TEXT,
	mobile TEXT,
	preferred_contact TEXT CHECK (preferred_contact IN ('email', 'phone', 'mobile')),
	cgu_accepted_at TEXT,
	activated_at TEXT,
	last_login_at TEXT,
	previous_login_at TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
-- Parent e-mails are unique (a reset mail must reach one account); staff may share a service mailbox.
CREATE UNIQUE INDEX users_parent_email ON users(email_key) WHERE role = 'parent';
CREATE INDEX users_household ON users(household_id);

CREATE TABLE sessions (
	id TEXT PRIMARY KEY,
	secret_hash BLOB NOT NULL,
	user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Single-use tokens (activation, password reset); only a SHA-256 of the token is kept.
CREATE TABLE user_tokens (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER
);
CREATE INDEX user_tokens_user ON user_tokens(user_id, purpose);

-- Failed sign-ins, per account key and per client address (CNIL 2022-100 restriction).
CREATE TABLE login_failures (
	id INTEGER PRIMARY KEY,
	scope TEXT NOT NULL CHECK (scope IN ('account', 'ip')),
	key TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(scope, key, at);

-- Transactional outbox: written in the same transaction as the change that causes it.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,                      -- 'mail' (later: 'webhook', …)
	payload TEXT NOT NULL,                   -- JSON
	created_at INTEGER NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	sent_at INTEGER,
	last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE sent_at IS NULL;

-- Mails kept for the demo-only page when no SMTP_URL is configured.
CREATE TABLE demo_mails (
	id INTEGER PRIMARY KEY,
	outbox_id INTEGER UNIQUE REFERENCES outbox(id),
	to_address TEXT NOT NULL,
	subject TEXT NOT NULL,
	text TEXT NOT NULL,
	html TEXT NOT NULL,
	created_at INTEGER NOT NULL
);

-- The 16 crèches (EAJE) offered in pre-registration: data, editable by staff.
CREATE TABLE structures (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	label TEXT NOT NULL,
	commune TEXT,
	capacity INTEGER NOT NULL CHECK (capacity >= 0),
	active INTEGER NOT NULL DEFAULT 1,
	position INTEGER NOT NULL
);

CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- Who on the staff read or changed what in a family's file.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id TEXT REFERENCES users(id),
	action TEXT NOT NULL,
	household_id TEXT,
	detail TEXT
);
