import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
