// The background checkpointer keeps the WAL short without the request path paying for it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db';
import { startWalCheckpointer } from './wal-checkpointer';

const dir = mkdtempSync(join(tmpdir(), 'wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('background WAL checkpoints', () => {
	it('checkpoints from a worker thread, and truncates the WAL on stop', async () => {
		const file = join(dir, 'x.sqlite');
		const db = openDatabase(file);
		const checkpointer = startWalCheckpointer(db, 50);
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
		db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
		const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)');
		db.transaction(() => {
			for (let i = 0; i < 40; i++) insert.run(randomBytes(100 * 1024));
		})();
		await new Promise((r) => setTimeout(r, 400));
		// Everything in the WAL was copied into the database file by the worker.
		expect(statSync(file).size).toBeGreaterThan(4_000_000);
		await checkpointer.stop();
		expect(statSync(`${file}-wal`).size).toBe(0);
		expect((db.prepare('SELECT COUNT(*) AS n FROM blobs').get() as { n: number }).n).toBe(40);
		db.close();
	});

	it('does nothing for an in-memory database', async () => {
		const db = openDatabase(':memory:');
		await startWalCheckpointer(db).stop();
		db.close();
	});
});
