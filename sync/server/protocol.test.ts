// Endpoint-level behaviour the replicator relies on, through app.request() (S-PROTO-*, S-CHG-*, S-WRITE-*).
import { describe, expect, it } from 'vitest';
import { createHarness } from './test-harness';
import { draftPreinscription, fakeFile } from '../test/factories';

function setup() {
	const h = createHarness();
	const { token, dbName } = h.signIn('parent');
	const req = async (method: string, path: string, body?: unknown) => {
		const res = await h.app.request(`/sync/${dbName}${path}`, {
			method,
			headers: { 'x-test-session': token, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		return { status: res.status, body: await res.json() };
	};
	return { h, req, dbName };
}

/** Writes a linear history 1-a, 2-b, … for one document with new_edits=false. */
function history(id: string, hashes: string[], extra: Record<string, unknown> = {}) {
	return {
		_id: id,
		_rev: `${hashes.length}-${hashes.at(-1)}`,
		_revisions: { start: hashes.length, ids: [...hashes].reverse() },
		type: 'preinscription',
		state: 'draft',
		...extra
	};
}

describe('protocol endpoints', () => {
	it('S-PROTO-4 _revs_diff lists only the revisions the server lacks', async () => {
		const { req } = setup();
		const id = draftPreinscription()._id;
		await req('POST', '/_bulk_docs', { docs: [history(id, ['a', 'b'])], new_edits: false });
		const diff = await req('POST', '/_revs_diff', {
			[id]: ['1-a', '2-b', '3-c'],
			'piece:unknown': ['1-z']
		});
		expect(diff.body).toEqual({
			[id]: { missing: ['3-c'] },
			'piece:unknown': { missing: ['1-z'] }
		});
	});

	it('S-PROTO-6 _bulk_get returns revisions with their history; latest follows to the leaf', async () => {
		const { req } = setup();
		const id = draftPreinscription()._id;
		await req('POST', '/_bulk_docs', { docs: [history(id, ['a', 'b', 'c'])], new_edits: false });
		const res = await req('POST', '/_bulk_get?revs=true&latest=true', {
			docs: [
				{ id, rev: '2-b' },
				{ id: 'piece:x', rev: '1-q' }
			]
		});
		expect(res.body.results[0].docs[0].ok).toMatchObject({
			_id: id,
			_rev: '3-c',
			_revisions: { start: 3, ids: ['c', 'b', 'a'] }
		});
		expect(res.body.results[1].docs[0].error).toMatchObject({ error: 'not_found', id: 'piece:x' });
	});

	it('S-PROTO-6 S-PROTO-7 attachments are stubs by default, inline base64 with attachments=true', async () => {
		const { req } = setup();
		const png = fakeFile('png', 1000);
		const id = 'piece:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';
		const doc = {
			_id: id,
			type: 'piece',
			state: 'draft',
			_attachments: { 'page-1': { content_type: 'image/png', data: png.toString('base64') } }
		};
		const put = await req('PUT', `/${encodeURIComponent(id)}`, doc);
		expect(put.status).toBe(201);
		const stub = (await req('GET', `/${encodeURIComponent(id)}`)).body._attachments['page-1'];
		expect(stub).toMatchObject({ stub: true, length: 1000, content_type: 'image/png', revpos: 1 });
		expect(stub.digest).toMatch(/^md5-/);
		const inline = (await req('GET', `/${encodeURIComponent(id)}?attachments=true`)).body;
		expect(Buffer.from(inline._attachments['page-1'].data, 'base64').equals(png)).toBe(true);
		const bulk = await req('POST', '/_bulk_get?attachments=true', { docs: [{ id }] });
		expect(bulk.body.results[0].docs[0].ok._attachments['page-1'].data).toBe(
			png.toString('base64')
		);
		// A new revision keeping the page as a stub still points at the same bytes (S-ATT-3).
		const edit = await req('PUT', `/${encodeURIComponent(id)}`, {
			...doc,
			_rev: put.body.rev,
			label: 'Acte',
			_attachments: { 'page-1': { stub: true } }
		});
		expect(edit.status).toBe(201);
		const again = (await req('GET', `/${encodeURIComponent(id)}`)).body._attachments['page-1'];
		expect(again).toEqual(stub);
	});

	it('S-PROTO-7 GET doc: rev, open_revs, conflicts; non-leaf bodies are compacted (S-WRITE-4)', async () => {
		const { req } = setup();
		const id = draftPreinscription()._id;
		await req('POST', '/_bulk_docs', {
			docs: [history(id, ['a', 'b']), history(id, ['a', 'c'], { observations: 'autre' })],
			new_edits: false
		});
		const winner = await req('GET', `/${encodeURIComponent(id)}?conflicts=true&revs=true`);
		expect(winner.body).toMatchObject({
			_rev: '2-c',
			_conflicts: ['2-b'],
			_revisions: { start: 2, ids: ['c', 'a'] }
		});
		const open = await req(
			'GET',
			`/${encodeURIComponent(id)}?open_revs=${encodeURIComponent('["2-b","1-a","9-z"]')}`
		);
		expect(open.body).toEqual([
			{ ok: expect.objectContaining({ _rev: '2-b' }) },
			{ missing: '1-a' },
			{ missing: '9-z' }
		]);
		expect((await req('GET', `/${encodeURIComponent(id)}?rev=1-a`)).status).toBe(404);
	});

	it('S-WRITE-4 revs_limit stems old history', async () => {
		const { req, h, dbName } = setup();
		await req('GET', ''); // the database row is created on first use
		h.deps.db.prepare('UPDATE sync_dbs SET revs_limit = 3 WHERE name = ?').run(dbName);
		const id = draftPreinscription()._id;
		await req('POST', '/_bulk_docs', {
			docs: [history(id, ['a', 'b', 'c', 'd', 'e'])],
			new_edits: false
		});
		const got = await req('GET', `/${encodeURIComponent(id)}?revs=true`);
		expect(got.body._revisions).toEqual({ start: 5, ids: ['e', 'd', 'c'] });
	});

	it('S-WRITE-1 S-WRITE-3 new_edits=true: 409 on a stale rev, replays of known revisions are no-ops', async () => {
		const { req } = setup();
		const doc = draftPreinscription();
		const first = await req('PUT', `/${encodeURIComponent(doc._id)}`, doc);
		expect(first.status).toBe(201);
		const second = await req('PUT', `/${encodeURIComponent(doc._id)}`, {
			...doc,
			_rev: first.body.rev,
			observations: 'v2'
		});
		expect(second.status).toBe(201);
		const stale = await req('PUT', `/${encodeURIComponent(doc._id)}`, {
			...doc,
			_rev: first.body.rev,
			observations: 'v2 bis'
		});
		expect(stale).toMatchObject({ status: 409, body: { error: 'conflict' } });
		const seqBefore = (await req('GET', '')).body.update_seq;
		const stored = await req('GET', `/${encodeURIComponent(doc._id)}?revs=true`);
		await req('POST', '/_bulk_docs', { docs: [stored.body], new_edits: false });
		expect((await req('GET', '')).body.update_seq).toBe(seqBefore);
	});

	it('S-CHG-2 S-CHG-4 _changes: one row per document at its last seq, all leaves, deleted flag, _doc_ids filter', async () => {
		const { req } = setup();
		const [x, y] = [draftPreinscription()._id, draftPreinscription()._id];
		await req('POST', '/_bulk_docs', {
			docs: [history(x, ['a']), history(y, ['a']), history(x, ['a', 'b']), history(x, ['a', 'c'])],
			new_edits: false
		});
		await req('POST', '/_bulk_docs', {
			docs: [{ _id: y, _rev: '2-d', _revisions: { start: 2, ids: ['d', 'a'] }, _deleted: true }],
			new_edits: false
		});
		const all = await req('GET', '/_changes?style=all_docs&since=0');
		expect(all.body).toEqual({
			results: [
				{ seq: 4, id: x, changes: [{ rev: '2-c' }, { rev: '2-b' }] },
				{ seq: 5, id: y, changes: [{ rev: '2-d' }], deleted: true }
			],
			last_seq: 5
		});
		const limited = await req('GET', '/_changes?since=0&limit=1');
		expect(limited.body).toEqual({
			results: [{ seq: 4, id: x, changes: [{ rev: '2-c' }] }],
			last_seq: 4
		});
		const filtered = await req('POST', '/_changes?filter=_doc_ids&since=0', { doc_ids: [y] });
		expect(filtered.body.results.map((r: { id: string }) => r.id)).toEqual([y]);
	});

	it('S-CHG-3 a longpoll waits for the next commit, sending heartbeats meanwhile', async () => {
		const { h, req, dbName } = setup();
		const token = [...h.sessions.keys()][0]!;
		const pending = h.app.request(`/sync/${dbName}/_changes?feed=longpoll&since=0&heartbeat=20`, {
			headers: { 'x-test-session': token }
		});
		await new Promise((r) => setTimeout(r, 80));
		const id = draftPreinscription()._id;
		await req('POST', '/_bulk_docs', { docs: [history(id, ['a'])], new_edits: false });
		const text = await (await pending).text();
		expect(text.startsWith('\n')).toBe(true);
		expect(JSON.parse(text)).toEqual({
			results: [{ seq: 1, id, changes: [{ rev: '1-a' }] }],
			last_seq: 1
		});
		const empty = await req('GET', '/_changes?feed=longpoll&since=1&timeout=30');
		expect(empty.body).toEqual({ results: [], last_seq: 1 });
	});

	it('S-PROTO-3 _local documents: 0-N revisions, 409 on a stale one, never in _changes', async () => {
		const { req } = setup();
		const put = await req('PUT', '/_local/rep-1', { last_seq: 3 });
		expect(put).toMatchObject({ status: 201, body: { ok: true, id: '_local/rep-1', rev: '0-1' } });
		expect((await req('PUT', '/_local/rep-1', { last_seq: 4 })).status).toBe(409);
		expect((await req('PUT', '/_local/rep-1', { _rev: '0-1', last_seq: 4 })).body.rev).toBe('0-2');
		expect((await req('GET', '/_local/rep-1')).body).toEqual({
			_id: '_local/rep-1',
			_rev: '0-2',
			last_seq: 4
		});
		expect((await req('GET', '/_changes')).body.results).toEqual([]);
	});
});
