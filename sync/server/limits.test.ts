// What a client may send on /sync is bounded (S-LIM-*): revision positions and hashes, history
// length, open leaves, nesting depth and size of a document, attachment types, query parameters.
// Each refusal is per document with a French reason, or a 400 for the request; never a 500.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHarness } from './test-harness';
import { draftPreinscription, fakeFile } from '../test/factories';
import { digestOf } from './attachments';

function setup() {
	const h = createHarness();
	const { token, dbName } = h.signIn('parent');
	const req = async (method: string, path: string, body?: unknown) => {
		const res = await h.app.request(`/sync/${dbName}${path}`, {
			method,
			headers: { 'x-test-session': token, 'content-type': 'application/json' },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		});
		const text = await res.text();
		return { status: res.status, text, body: text ? (JSON.parse(text) as any) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
	};
	return { h, req, dbName };
}

const pid = () => `preinscription:${randomUUID()}`;
const draft = (extra: Record<string, unknown> = {}) => ({
	_id: pid(),
	type: 'preinscription',
	state: 'draft',
	...extra
});

describe('revision positions and hashes (S-LIM-1)', () => {
	it.each([
		[
			'a _revisions reaching below position 1',
			{ _rev: '1-a', _revisions: { start: 1, ids: ['a', 'b', 'c'] } }
		],
		['a position beyond the safe integers', { _rev: '99999999999999999999-a' }],
		['a position 0', { _rev: '0-a' }],
		['a hash with other characters than letters and digits', { _rev: '1-xyz!' }],
		['a hash too long', { _rev: `1-${'a'.repeat(65)}` }],
		['a non-integer start', { _rev: '2-a', _revisions: { start: 2.5, ids: ['a'] } }],
		['a bad ancestor hash', { _rev: '2-a', _revisions: { start: 2, ids: ['a', 'not a hash'] } }]
	])('S-LIM-1 refuses %s, alone, in French', async (_name, revs) => {
		const { req } = setup();
		const good = { ...draft(), _rev: '1-abc' };
		const bad = { ...draft(), ...revs };
		const res = await req('POST', '/_bulk_docs', { new_edits: false, docs: [bad, good] });
		expect(res.status).toBe(201);
		expect(res.body[0]).toMatchObject({ id: bad._id, error: 'bad_request' });
		expect(res.body[0].reason).toMatch(/révision/i);
		expect(res.body[1]).toMatchObject({ ok: true, id: good._id });
		expect((await req('GET', `/${encodeURIComponent(bad._id)}`)).status).toBe(404);
	});
});

describe('history length (S-LIM-2)', () => {
	it('S-LIM-2 a _revisions longer than revs_limit is cut to revs_limit, as CouchDB stems it', async () => {
		const { req } = setup();
		const ids = Array.from({ length: 1500 }, (_, i) => (1500 - i).toString(16));
		const doc = { ...draft(), _rev: `1500-${ids[0]}`, _revisions: { start: 1500, ids } };
		const res = await req('POST', '/_bulk_docs', { new_edits: false, docs: [doc] });
		expect(res.body[0]).toMatchObject({ ok: true, rev: `1500-${ids[0]}` });
		const got = await req('GET', `/${encodeURIComponent(doc._id)}?revs=true`);
		expect(got.body._revisions).toEqual({ start: 1500, ids: ids.slice(0, 1000) });
	});
});

describe('document depth and size (S-LIM-3)', () => {
	it('S-LIM-3 a document nested 10 000 levels is refused alone; the valid documents of the batch commit (S-WRITE-2)', async () => {
		const { req } = setup();
		const good = draftPreinscription();
		const deepId = pid();
		const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
		const body = `{"docs":[${JSON.stringify(good)},{"_id":"${deepId}","type":"preinscription","state":"draft","x":${deep}}]}`;
		const res = await req('POST', '/_bulk_docs', body);
		expect(res.status).toBe(201);
		expect(res.body[0]).toMatchObject({ ok: true, id: good._id });
		expect(res.body[1]).toMatchObject({ id: deepId, error: 'doc_validation' });
		expect(res.body[1].reason).toMatch(/imbriqué/);
		expect((await req('GET', `/${encodeURIComponent(good._id)}`)).status).toBe(200);
		expect((await req('GET', `/${encodeURIComponent(deepId)}`)).status).toBe(404);
	});

	it('S-LIM-3 a request body nested 1 000 000 levels is a 400, not a 500', async () => {
		const { req } = setup();
		const res = await req('POST', '/_bulk_docs', `{"docs":${'['.repeat(1e6)}${']'.repeat(1e6)}}`);
		expect(res.status).toBeLessThan(500);
	});

	it('S-LIM-3 a document over 1 MB (attachments aside) is refused alone', async () => {
		const { req } = setup();
		const big = draft({ observations: 'x'.repeat(1024 * 1024 + 10) });
		const good = draftPreinscription();
		const res = await req('POST', '/_bulk_docs', { docs: [big, good] });
		expect(res.body[0]).toMatchObject({ id: big._id, error: 'doc_validation' });
		expect(res.body[0].reason).toMatch(/volumineux/);
		expect(res.body[1]).toMatchObject({ ok: true });
	});
});

describe('open leaves (S-LIM-4)', () => {
	it('S-LIM-4 beyond 100 open conflicting revisions the next one is refused; extending a leaf still works', async () => {
		const { req } = setup();
		const id = pid();
		const branch = (i: number) => ({
			_id: id,
			_rev: `1-${(i + 1).toString(16).padStart(4, '0')}`,
			type: 'preinscription',
			state: 'draft'
		});
		const docs = Array.from({ length: 100 }, (_, i) => branch(i));
		const res = await req('POST', '/_bulk_docs', { new_edits: false, docs });
		expect(res.body.every((r: { ok?: boolean }) => r.ok)).toBe(true);
		const more = await req('POST', '/_bulk_docs', { new_edits: false, docs: [branch(100)] });
		expect(more.body[0]).toMatchObject({ id, error: 'forbidden' });
		expect(more.body[0].reason).toMatch(/100 versions en conflit/);
		const child = {
			_id: id,
			_rev: '2-beef',
			_revisions: { start: 2, ids: ['beef', '0001'] },
			type: 'preinscription',
			state: 'draft'
		};
		const next = await req('POST', '/_bulk_docs', { new_edits: false, docs: [child] });
		expect(next.body[0]).toMatchObject({ ok: true, rev: '2-beef' });
		const all = await req('GET', `/${encodeURIComponent(id)}?open_revs=all`);
		expect(all.body.length).toBe(100);
	});
});

describe('per-request budgets (S-LIM-4)', () => {
	it.each([
		['1 001 documents', () => Array.from({ length: 1001 }, () => draft())],
		[
			'51 histories of 1 000 revisions',
			() =>
				Array.from({ length: 51 }, () => {
					const ids = Array.from({ length: 1000 }, (_, i) => (1000 - i).toString(16));
					return { ...draft(), _rev: `1000-${ids[0]}`, _revisions: { start: 1000, ids } };
				})
		],
		[
			'9 Mo of documents',
			() => Array.from({ length: 9 }, () => draft({ notes: 'x'.repeat(1024 * 1024 - 200) }))
		]
	])('S-LIM-4 a _bulk_docs of %s is refused whole (413), nothing written', async (_n, docs) => {
		const { req } = setup();
		const sent = docs();
		const res = await req('POST', '/_bulk_docs', {
			new_edits: false,
			docs: sent.map((d) => ({ _rev: '1-a', ...d }))
		});
		expect(res.status).toBe(413);
		expect(res.body.reason).toMatch(/au maximum par envoi/);
		expect((await req('GET', '/_all_docs')).body.rows).toEqual([]);
	});
});

describe('attachment types (S-ATT-5)', () => {
	async function storedPng(req: ReturnType<typeof setup>['req']) {
		const png = fakeFile('png', 500);
		const id = `piece:${randomUUID()}`;
		const put = await req('PUT', `/${encodeURIComponent(id)}`, {
			type: 'piece',
			state: 'draft',
			_attachments: { 'page-1': { content_type: 'image/png', data: png.toString('base64') } }
		});
		expect(put.status).toBe(201);
		return { png, digest: digestOf(png), id, rev: put.body.rev as string };
	}

	it('S-ATT-5 a stub naming a stored digest under a new name cannot change its type', async () => {
		const { req } = setup();
		const { digest } = await storedPng(req);
		const other = `piece:${randomUUID()}`;
		const res = await req('PUT', `/${encodeURIComponent(other)}`, {
			type: 'piece',
			state: 'draft',
			_attachments: { 'page.html': { stub: true, digest, content_type: 'text/html' } }
		});
		expect(res.status).toBe(403);
		expect(res.body.reason).toMatch(/type/);
		// The same stub with the stored type is accepted and served as that type.
		const ok = await req('PUT', `/${encodeURIComponent(other)}`, {
			type: 'piece',
			state: 'draft',
			_attachments: { 'copie.png': { stub: true, digest, content_type: 'image/png' } }
		});
		expect(ok.status).toBe(201);
	});

	it('S-ATT-5 a content_type with CRLF is refused at input, inline or stub', async () => {
		const { req } = setup();
		const { digest } = await storedPng(req);
		const crlf = 'image/png\r\nX-Evil: 1';
		const stub = await req('PUT', `/${encodeURIComponent(`piece:${randomUUID()}`)}`, {
			type: 'piece',
			state: 'draft',
			_attachments: { 'p.png': { stub: true, digest, content_type: crlf } }
		});
		expect(stub.status).toBe(400);
		expect(stub.body.reason).toMatch(/type/);
		const inline = await req('PUT', `/${encodeURIComponent(`piece:${randomUUID()}`)}`, {
			type: 'piece',
			state: 'draft',
			_attachments: {
				'p.png': { content_type: crlf, data: fakeFile('png', 100).toString('base64') }
			}
		});
		expect(inline.status).toBe(400);
	});

	it('S-ATT-5 an attachment stored earlier with a broken type is served, not a 500', async () => {
		const { h, req, dbName } = setup();
		const { id, rev } = await storedPng(req);
		const row = h.deps.db
			.prepare('SELECT attachments FROM sync_revs WHERE db = ? AND doc_id = ? AND rev = ?')
			.get(dbName, id, rev) as { attachments: string };
		const atts = JSON.parse(row.attachments);
		atts['page-1'].content_type = 'text/html\r\nSet-Cookie: x=1';
		h.deps.db
			.prepare('UPDATE sync_revs SET attachments = ? WHERE db = ? AND doc_id = ? AND rev = ?')
			.run(JSON.stringify(atts), dbName, id, rev);
		const res = await h.app.request(`/sync/${dbName}/${encodeURIComponent(id)}/page-1`, {
			headers: { 'x-test-session': [...h.sessions.keys()][0]! }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/octet-stream');
		expect(res.headers.get('set-cookie')).toBeNull();
	});
});

describe('query parameters (S-LIM-6)', () => {
	it.each([
		'/_changes?filter=_doc_ids&doc_ids=[',
		'/_changes?filter=_doc_ids&doc_ids={}',
		'/_changes?limit=-5',
		'/_changes?limit=abc',
		'/_changes?since=-1',
		'/_changes?since=abc',
		'/_changes?feed=longpoll&timeout=-1',
		'/_changes?feed=longpoll&heartbeat=-1',
		'/_all_docs?limit=-1',
		'/_all_docs?skip=-3',
		'/x?open_revs=[1'
	])('S-LIM-6 GET %s → 400 with a French reason', async (path) => {
		const { req } = setup();
		const res = await req('GET', path);
		expect(res.status).toBe(400);
		expect(res.body.reason).toMatch(/[a-zé]+ .*[a-zé]+/);
	});

	it('S-LIM-6 a negative limit never removes the row cap', async () => {
		const { req } = setup();
		await req('POST', '/_bulk_docs', { docs: [draftPreinscription(), draftPreinscription()] });
		const res = await req('GET', '/_changes?limit=1');
		expect(res.body.results.length).toBe(1);
	});
});
