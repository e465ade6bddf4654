// Opens the SQLite database (WAL, foreign keys) and applies the versioned migrations.
// Migrations only ever add: a file once applied is never edited, a new change is a new file.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the database at `file`, or an in-memory one for ':memory:'. */
export function openDatabase(file: string): Db {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	db.pragma('synchronous = NORMAL');
	migrate(db);
	return db;
}

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
	return readdirSync(dir)
		.filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f))
		.sort()
		.map((f) => ({
			version: Number(f.split('_')[0]),
			name: f,
			sql: readFileSync(join(dir, f), 'utf8')
		}));
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the names applied. */
export function migrate(db: Db, migrations = listMigrations()): string[] {
	db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`);
	const applied = new Set(
		db
			.prepare('SELECT version FROM schema_migrations')
			.all()
			.map((r) => (r as { version: number }).version)
	);
	const done: string[] = [];
	for (const m of migrations) {
		if (applied.has(m.version)) continue;
		// A migration that rebuilds a table others reference (SQLite's way to change a CHECK) runs
		// with foreign keys off, as SQLite's documented procedure says, and checks them before commit.
		const rebuild = m.sql.startsWith(REBUILD_MARK);
		const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
		if (rebuild && enforced) db.pragma('foreign_keys = OFF');
		try {
			db.transaction(() => {
				db.exec(m.sql);
				if (rebuild) {
					const broken = db.pragma('foreign_key_check') as unknown[];
					if (broken.length > 0)
						throw new Error(`${m.name}: ${broken.length} foreign key violation(s)`);
				}
				db.prepare(
					'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
				).run(m.version, m.name, new Date().toISOString());
			})();
		} finally {
			if (rebuild && enforced) db.pragma('foreign_keys = ON');
		}
		done.push(m.name);
	}
	return done;
}

/** First line of a migration that rebuilds a referenced table (foreign keys off while it runs). */
export const REBUILD_MARK = '-- migrate: rebuilds-tables';
