// A server killed in the middle of a _bulk_docs and restarted: after the retry every document is
// there exactly once and each submitted document has exactly one request number (S-PROJ-1, S-PROJ-3).
import { mkdtempSync, rmSync } from 'node:fs';
import { TEST_DECLARATION_ID } from '../test/factories';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startChild, type Child } from '../test/child-server';
import { localDb, Pouch, remoteDb } from '../test/pouch';
import { draftPreinscription, submittedPreinscription } from '../test/factories';
import { householdDbName } from './index';

const dir = mkdtempSync(join(tmpdir(), 'sync-fault-'));
const children: Child[] = [];
afterAll(() => {
	for (const c of children) c.proc.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

describe('crash during _bulk_docs', () => {
	it(
		'S-PROJ-1 S-PROJ-3 nothing half-written, nothing duplicated after restart and retry',
		{ timeout: 60_000 },
		async () => {
			const [token, householdId] = [randomUUID(), randomUUID()];
			const env = {
				DB_FILE: join(dir, 'sync.sqlite'),
				SESSIONS: `${token}:${householdId}`,
				REQUESTS_PER_HOUSEHOLD_PER_DAY: '100' // 60 submissions at once (S-PROJ-5's cap is lower)
			};
			const first = await startChild({ ...env, CRASH_AT: '40' });
			children.push(first);
			const url = `http://127.0.0.1:${first.port}/sync/${householdDbName(householdId)}`;
			const device = localDb();
			const submitted = Array.from({ length: 60 }, () => submittedPreinscription());
			const drafts = Array.from({ length: 40 }, () => draftPreinscription());
			await device.bulkDocs([...drafts.slice(0, 20), ...submitted, ...drafts.slice(20)]);

			await expect(
				Pouch.replicate(device, remoteDb(url, token), { batch_size: 25 })
			).rejects.toBeTruthy();
			expect(await first.exited).toBe('SIGKILL');

			const second = await startChild({ ...env, PORT: String(first.port) });
			children.push(second);
			const result = await Pouch.replicate(device, remoteDb(url, token), { batch_size: 25 });
			expect(result.doc_write_failures).toBe(0);

			const remote = remoteDb(url, token);
			const all = await remote.allDocs();
			const ids = all.rows.map((r) => r.id);
			const local = (await device.allDocs()).rows;
			for (const row of local)
				expect(all.rows.find((r) => r.id === row.id)?.value.rev).toBe(row.value.rev);
			expect(ids.filter((id) => !id.startsWith('svc:') && id !== TEST_DECLARATION_ID)).toHaveLength(
				100
			);
			expect(ids.filter((id) => id.startsWith('svc:status:'))).toHaveLength(60);

			const db = new Database(env.DB_FILE, { readonly: true });
			const requests = db.prepare('SELECT number, doc_id FROM requests ORDER BY number').all() as {
				number: number;
				doc_id: string;
			}[];
			const outbox = (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
			db.close();
			expect(requests).toHaveLength(60);
			expect(new Set(requests.map((r) => r.doc_id))).toEqual(new Set(submitted.map((d) => d._id)));
			expect(requests.map((r) => r.number)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
			expect(outbox).toBe(60);
		}
	);
});
