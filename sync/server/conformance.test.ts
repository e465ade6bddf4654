// The real PouchDB client against our /sync server: push, pull, deletions, attachments, conflicts,
// live sync, checkpoints. Rule ids refer to sync/SYNC_SPEC.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, listen, type Harness, type RunningServer } from './test-harness';
import { localDb, Pouch, remoteDb, snapshot } from '../test/pouch';
import { draftPreinscription, fakeFile, pieceWithPages } from '../test/factories';
import type { Database, PouchDoc } from 'pouchdb-core';

let h: Harness;
let server: RunningServer;

beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

function household() {
	const { token, dbName } = h.signIn('parent');
	const url = `${server.url}/sync/${dbName}`;
	return { token, url, remote: () => remoteDb(url, token) };
}

describe('protocol basics', () => {
	it('S-PROTO-1 GET /sync/ gives a stable uuid; GET /sync/{db} gives db info; PUT → 412', async () => {
		const { token, url } = household();
		const headers = { 'x-test-session': token };
		const a = await (await fetch(`${server.url}/sync/`, { headers })).json();
		const b = await (await fetch(`${server.url}/sync/`, { headers })).json();
		expect(a.uuid).toMatch(/^[0-9a-f]{32}$/);
		expect(b.uuid).toBe(a.uuid);
		const info = await (await fetch(url, { headers })).json();
		expect(info).toMatchObject({ db_name: url.split('/').pop(), update_seq: 0, doc_count: 0 });
		const put = await fetch(url, { method: 'PUT', headers });
		expect(put.status).toBe(412);
	});
});

describe('replication with PouchDB', () => {
	it('S-PROTO-2..6 pushes documents, and another device pulls exactly the same revisions', async () => {
		const hh = household();
		const a = localDb();
		const docs = Array.from({ length: 30 }, () => draftPreinscription());
		await a.bulkDocs(docs);
		const push = await Pouch.replicate(a, hh.remote());
		expect(push.docs_written).toBe(30);
		const b = localDb();
		const pull = await Pouch.replicate(hh.remote(), b);
		expect(pull.docs_written).toBe(30);
		expect(await snapshot(b)).toEqual(await snapshot(a));
		expect((await hh.remote().info()).doc_count).toBe(30);
	});

	it('S-PROTO-3 a second replication resumes from its checkpoint and reads nothing', async () => {
		const hh = household();
		const a = localDb();
		await a.bulkDocs([draftPreinscription(), draftPreinscription()]);
		await Pouch.replicate(a, hh.remote());
		const again = await Pouch.replicate(a, hh.remote());
		expect(again.docs_read).toBe(0);
		const b = localDb();
		await Pouch.replicate(hh.remote(), b);
		expect((await Pouch.replicate(hh.remote(), b)).docs_read).toBe(0);
	});

	it('S-PROTO-5 S-CHG-2 deletions replicate both ways', async () => {
		const hh = household();
		const a = localDb();
		const b = localDb();
		const [d1, d2] = [draftPreinscription(), draftPreinscription()];
		await a.bulkDocs([d1, d2]);
		await Pouch.replicate(a, hh.remote());
		await Pouch.replicate(hh.remote(), b);
		await a.remove(await a.get(d1._id));
		await Pouch.replicate(a, hh.remote());
		await Pouch.replicate(hh.remote(), b);
		await expect(b.get(d1._id)).rejects.toMatchObject({ status: 404 });
		await b.remove(await b.get(d2._id));
		await Pouch.replicate(b, hh.remote());
		await Pouch.replicate(hh.remote(), a);
		await expect(a.get(d2._id)).rejects.toMatchObject({ status: 404 });
		const info = await hh.remote().info();
		expect(info).toMatchObject({ doc_count: 0 });
		const res = await fetch(`${hh.url}/${encodeURIComponent(d1._id)}`, {
			headers: { 'x-test-session': hh.token }
		});
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ error: 'not_found', reason: 'deleted' });
	});

	it('S-ATT-1 S-ATT-3 attachments round-trip byte-identical and are stored once per digest', async () => {
		const hh = household();
		const a = localDb();
		const jpeg = fakeFile('jpeg', 300_000);
		const pdf = fakeFile('pdf', 50_000);
		const p1 = pieceWithPages([jpeg, pdf.subarray(0, 0)].slice(0, 1));
		const p2 = pieceWithPages([jpeg]);
		const p3 = pieceWithPages([pdf], 'pdf');
		await a.bulkDocs([p1, p2, p3]);
		await Pouch.replicate(a, hh.remote());
		const b = localDb();
		await Pouch.replicate(hh.remote(), b);
		expect(Buffer.compare(await b.getAttachment(p1._id, 'page-1'), jpeg)).toBe(0);
		expect(Buffer.compare(await b.getAttachment(p2._id, 'page-1'), jpeg)).toBe(0);
		expect(Buffer.compare(await b.getAttachment(p3._id, 'page-1'), pdf)).toBe(0);
		const local = (await a.get(p1._id)) as PouchDoc;
		const pulled = (await b.get(p1._id)) as PouchDoc;
		expect(pulled._attachments!['page-1']!.digest).toBe(local._attachments!['page-1']!.digest);
		const blobs = h.deps.db
			.prepare('SELECT COUNT(*) AS n FROM sync_blobs WHERE db = ?')
			.get(hh.url.split('/').pop()) as { n: number };
		expect(blobs.n).toBe(2);
		const res = await fetch(`${hh.url}/${encodeURIComponent(p3._id)}/page-1`, {
			headers: { 'x-test-session': hh.token }
		});
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
		expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), pdf)).toBe(0);
	});

	it('S-CONF-1 S-CONF-2 the same draft edited on two devices offline keeps both revisions, same winner everywhere', async () => {
		const hh = household();
		const a = localDb();
		const b = localDb();
		const doc = draftPreinscription();
		await a.put(doc);
		await Pouch.replicate(a, hh.remote());
		await Pouch.replicate(hh.remote(), b);
		await a.put({ ...(await a.get(doc._id)), observations: 'modifié sur le téléphone' });
		await b.put({ ...(await b.get(doc._id)), observations: 'modifié sur la tablette' });
		await Pouch.replicate(a, hh.remote());
		await Pouch.replicate(b, hh.remote());
		await Pouch.replicate(hh.remote(), a);
		await Pouch.replicate(hh.remote(), b);
		const onA = await a.get(doc._id, { conflicts: true });
		const onB = await b.get(doc._id, { conflicts: true });
		const onServer = await hh.remote().get(doc._id, { conflicts: true });
		expect(onA._rev).toBe(onB._rev);
		expect(onServer._rev).toBe(onA._rev);
		expect(onA._conflicts).toHaveLength(1);
		expect(onB._conflicts).toEqual(onA._conflicts);
		expect(onServer._conflicts).toEqual(onA._conflicts);
		const both = await hh.remote().get(doc._id, { open_revs: 'all' });
		expect(both.map((r) => r.ok?.observations).sort()).toEqual([
			'modifié sur la tablette',
			'modifié sur le téléphone'
		]);
	});

	it('S-CHG-3 live two-way sync carries a write from one device to the other', async () => {
		const hh = household();
		const a = localDb();
		const b = localDb();
		const syncA = a.sync(hh.remote(), { live: true, retry: true });
		const syncB = b.sync(hh.remote(), { live: true, retry: true });
		try {
			const doc = draftPreinscription();
			await a.put(doc);
			await waitFor(() =>
				b.get(doc._id).then(
					() => true,
					() => false
				)
			);
			const got = await b.get(doc._id);
			await b.put({ ...got, observations: 'réponse de B' });
			await waitFor(() =>
				a.get(doc._id).then(
					(d) => d.observations === 'réponse de B',
					() => false
				)
			);
		} finally {
			syncA.cancel();
			syncB.cancel();
		}
	});
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000) {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('timed out');
}

export type { Database };
