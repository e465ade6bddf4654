-- Account hardening (issue 7): e-mail change tokens, limits on what sends mail, device cookies.

-- Actions that send mail or make work, counted per key ('reset:<e-mail>', 'register:<address>'…)
-- to cap them per hour. Rows older than a day are pruned.
CREATE TABLE rate_events (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX rate_events_key ON rate_events(key, at);

-- user_tokens gains the 'email_change' purpose and the address it will confirm.
CREATE TABLE user_tokens_new (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	purpose TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset', 'email_change')),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	used_at INTEGER,
	new_email TEXT                              -- only for 'email_change'
);
INSERT INTO user_tokens_new (token_hash, user_id, purpose, created_at, expires_at, used_at)
	SELECT token_hash, user_id, purpose, created_at, expires_at, used_at FROM user_tokens;
DROP TABLE user_tokens;
ALTER TABLE user_tokens_new RENAME TO user_tokens;
CREATE INDEX user_tokens_user ON user_tokens(user_id, purpose);

-- Devices that signed in successfully (OWASP "device cookies"): only a SHA-256 of the cookie is
-- kept, one row per account the device signed in to.
CREATE TABLE trusted_devices (
	token_hash TEXT NOT NULL,
	user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	PRIMARY KEY (token_hash, user_id)
) WITHOUT ROWID;
CREATE INDEX trusted_devices_user ON trusted_devices(user_id);

-- login_failures gains the 'device' scope: failures from a trusted device, keyed by account and device.
CREATE TABLE login_failures_new (
	id INTEGER PRIMARY KEY,
	scope TEXT NOT NULL CHECK (scope IN ('account', 'ip', 'device')),
	key TEXT NOT NULL,
	at INTEGER NOT NULL
);
INSERT INTO login_failures_new (id, scope, key, at) SELECT id, scope, key, at FROM login_failures;
DROP TABLE login_failures;
ALTER TABLE login_failures_new RENAME TO login_failures;
CREATE INDEX login_failures_key ON login_failures(scope, key, at);
