import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, openDatabase } from './index';

describe('database', () => {
	it('opens a file in WAL mode with foreign keys, and applies each migration exactly once', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'ef-db-')), 'test.sqlite');
		const db = openDatabase(file);
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
		const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as {
			name: string;
		}[];
		expect(applied.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
		expect(migrate(db)).toEqual([]);
		db.close();
		const reopened = openDatabase(file);
		expect(migrate(reopened)).toEqual([]);
		reopened.close();
	});

	it('rolls back a failing migration whole', () => {
		const db = openDatabase(':memory:');
		expect(() =>
			migrate(db, [
				{
					version: 9999,
					name: '9999_broken.sql',
					sql: 'CREATE TABLE t (x); INSERT INTO nope VALUES (1);'
				}
			])
		).toThrow();
		expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
		expect(
			db.prepare('SELECT 1 FROM schema_migrations WHERE version = 9999').get()
		).toBeUndefined();
	});

	it('005 keeps existing requests, records their submitted revision and makes identity per household', () => {
		const db = new Database(':memory:');
		migrate(
			db,
			listMigrations().filter((m) => m.version < 5)
		);
		const at = '2026-11-26T09:00:00.000Z';
		db.exec(`INSERT INTO households (id, created_at) VALUES ('h1', '${at}'), ('h2', '${at}')`);
		const rev = db.prepare(
			'INSERT INTO sync_revs (db, doc_id, rev, deleted, body) VALUES (?, ?, ?, ?, ?)'
		);
		rev.run('hh-h1', 'preinscription:a', '5-e5', 0, JSON.stringify({ state: 'draft' }));
		rev.run('hh-h1', 'preinscription:a', '2-s2', 0, JSON.stringify({ state: 'submitted' }));
		rev.run('hh-h1', 'preinscription:a', '3-dd', 1, JSON.stringify({ state: 'submitted' }));
		db.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
			 VALUES ('r1', 1, 'h1', 'preinscription:a', 'preinscription', 'Déposée', ?, ?)`
		).run(at, at);
		expect(migrate(db)).toContain('005_requests_per_household.sql');
		expect(db.prepare('SELECT number, doc_id, doc_rev, status FROM requests').all()).toEqual([
			{ number: 1, doc_id: 'preinscription:a', doc_rev: '2-s2', status: 'Déposée' }
		]);
		const insert = db.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
			 VALUES (?, ?, ?, 'preinscription:a', 'preinscription', 'Déposée', ?, ?)`
		);
		insert.run('r2', 2, 'h2', at, at); // same document id, another household
		expect(() => insert.run('r3', 3, 'h1', at, at)).toThrow(/UNIQUE/);
	});

	it('014 rebuilds requests with the commission statuses, keeping rows, references and the list index', () => {
		const db = new Database(':memory:');
		db.pragma('foreign_keys = ON');
		migrate(
			db,
			listMigrations().filter((m) => m.version < 14)
		);
		const at = '2026-11-26T09:00:00.000Z';
		db.exec(`INSERT INTO households (id, created_at) VALUES ('h1', '${at}')`);
		db.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at, version)
			 VALUES ('r1', 7, 'h1', 'preinscription:a', 'preinscription', 'Complète', ?, ?, 3)`
		).run(at, at);
		db.prepare(
			"INSERT INTO request_events (request_id, number, action, status, actor_name, at) VALUES ('r1', 7, 'complete', 'Complète', 'A', 1)"
		).run();
		expect(
			migrate(
				db,
				listMigrations().filter((m) => m.version <= 14)
			)
		).toEqual(['014_commission.sql']);
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(db.prepare('SELECT number, status, version FROM requests').all()).toEqual([
			{ number: 7, status: 'Complète', version: 3 }
		]);
		db.prepare("UPDATE requests SET status = 'Place proposée', updated_at = ? WHERE id = 'r1'").run(
			at
		);
		expect(db.prepare('SELECT status FROM request_index WHERE number = 7').get()).toEqual({
			status: 'Place proposée'
		});
		expect(() =>
			db.prepare("UPDATE requests SET status = 'Inventée' WHERE id = 'r1'").run()
		).toThrow(/CHECK/);
		// The events still reference the rebuilt table: deleting the request is refused.
		expect(() => db.prepare("DELETE FROM requests WHERE id = 'r1'").run()).toThrow(/FOREIGN KEY/);
	});

	it('015: the decisions of sessions closed before count as applied when they were closed', () => {
		const db = new Database(':memory:');
		db.pragma('foreign_keys = ON');
		migrate(
			db,
			listMigrations().filter((m) => m.version <= 14)
		);
		const at = '2026-11-26T09:00:00.000Z';
		db.exec(`INSERT INTO households (id, created_at) VALUES ('h1', '${at}')`);
		db.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at, version)
			 VALUES ('r1', 7, 'h1', 'preinscription:a', 'preinscription', 'Liste d’attente', ?, ?, 3)`
		).run(at, at);
		db.exec(
			`INSERT INTO commission_sessions (id, date, period_start, period_end, state, closed_at, created_at, updated_at)
			 VALUES ('s1', '2027-03-15', '2027-04-01', '2027-06-30', 'closed', 1234, 0, 0)`
		);
		db.exec(
			`INSERT INTO commission_decisions (session_id, request_id, outcome, age_group, score, score_lines)
			 VALUES ('s1', 'r1', 'waitlist', 'older', 3, '[]')`
		);
		expect(migrate(db)).toContain('015_commission_applied.sql');
		expect(db.prepare('SELECT applied_at, start_date FROM commission_decisions').get()).toEqual({
			applied_at: 1234,
			start_date: null
		});
	});
});
