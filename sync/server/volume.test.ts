// Volume and interrupted replications: 5 000 documents in batches, a connection cut mid-way that
// resumes from the checkpoint with nothing lost or written twice (S-PROTO-3, S-CHG-1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, listen, type Harness, type RunningServer } from './test-harness';
import { localDb, Pouch, remoteDb, snapshot } from '../test/pouch';
import { startCuttingProxy, type CuttingProxy } from '../test/cutting-proxy';
import { draftPreinscription } from '../test/factories';

let h: Harness;
let server: RunningServer;
let proxy: CuttingProxy;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
	proxy = await startCuttingProxy(server.port);
});
afterAll(async () => {
	await proxy.close();
	await server.close();
});

const updateSeq = (dbName: string) =>
	(
		h.deps.db.prepare('SELECT update_seq FROM sync_dbs WHERE name = ?').get(dbName) as {
			update_seq: number;
		}
	).update_seq;

describe('volume', () => {
	it(
		'S-PROTO-2 S-CHG-1 replicates 5 000 documents in batches, both ways',
		{ timeout: 90_000 },
		async () => {
			const { token, dbName } = h.signIn('parent');
			const url = `${server.url}/sync/${dbName}`;
			const a = localDb();
			const docs = Array.from({ length: 5000 }, (_, i) =>
				draftPreinscription({ observations: `document ${i}` })
			);
			for (let i = 0; i < docs.length; i += 1000) await a.bulkDocs(docs.slice(i, i + 1000));
			const push = await Pouch.replicate(a, remoteDb(url, token), { batch_size: 250 });
			expect(push.docs_written).toBe(5000);
			expect(updateSeq(dbName)).toBe(5000);
			const b = localDb();
			const pull = await Pouch.replicate(remoteDb(url, token), b, { batch_size: 250 });
			expect(pull.docs_written).toBe(5000);
			expect(await snapshot(b)).toEqual(await snapshot(a));
		}
	);

	it('S-CHG-1 _changes since a recent seq reads the (db, seq) index, whatever the number of documents', () => {
		const plan = h.deps.db
			.prepare(
				'EXPLAIN QUERY PLAN SELECT * FROM sync_docs WHERE db = ? AND seq > ? ORDER BY seq LIMIT ?'
			)
			.all('hh-x', 1, 10) as { detail: string }[];
		expect(plan.map((p) => p.detail).join(' ')).toMatch(
			/USING INDEX sync_docs_seq \(db=\? AND seq>\?\)/
		);
		expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
	});
});

describe('a connection cut mid-way', () => {
	it(
		'S-PROTO-3 a push cut while the server answers a _bulk_docs resumes from its checkpoint',
		{ timeout: 60_000 },
		async () => {
			const { token, dbName } = h.signIn('parent');
			const device = localDb();
			await device.bulkDocs(Array.from({ length: 600 }, () => draftPreinscription()));
			proxy.cutOn(/POST \S+\/_bulk_docs/, 4);
			const viaProxy = remoteDb(`${proxy.url}/sync/${dbName}`, token);
			await expect(Pouch.replicate(device, viaProxy, { batch_size: 50 })).rejects.toBeTruthy();
			expect(proxy.cuts).toBe(1);
			// The cut batch was committed although the client never got the answer.
			const before = updateSeq(dbName);
			expect(before).toBeGreaterThan(0);
			expect(before).toBeLessThan(600);
			const resumed = await Pouch.replicate(
				device,
				remoteDb(`${proxy.url}/sync/${dbName}`, token),
				{ batch_size: 50 }
			);
			// Resumed from the checkpoint; the unacknowledged batch is found present (_revs_diff), not rewritten.
			expect(resumed.docs_written).toBe(600 - before);
			expect(updateSeq(dbName)).toBe(600);
			expect(await snapshot(remoteDb(`${server.url}/sync/${dbName}`, token))).toEqual(
				await snapshot(device)
			);
		}
	);

	it(
		'S-PROTO-3 a pull cut during _bulk_get resumes and ends identical',
		{ timeout: 60_000 },
		async () => {
			const { token, dbName } = h.signIn('parent');
			const source = localDb();
			await source.bulkDocs(Array.from({ length: 600 }, () => draftPreinscription()));
			await Pouch.replicate(source, remoteDb(`${server.url}/sync/${dbName}`, token));
			const device = localDb();
			proxy.cutOn(/POST \S+\/_bulk_get/, 5);
			const cutsBefore = proxy.cuts;
			await expect(
				Pouch.replicate(remoteDb(`${proxy.url}/sync/${dbName}`, token), device, { batch_size: 50 })
			).rejects.toBeTruthy();
			expect(proxy.cuts).toBe(cutsBefore + 1);
			const partial = (await device.info()).doc_count;
			expect(partial).toBeGreaterThan(0);
			expect(partial).toBeLessThan(600);
			const resumed = await Pouch.replicate(
				remoteDb(`${proxy.url}/sync/${dbName}`, token),
				device,
				{ batch_size: 50 }
			);
			expect(resumed.docs_read).toBe(600 - partial);
			expect(await snapshot(device)).toEqual(await snapshot(source));
		}
	);
});
