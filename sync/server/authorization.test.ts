// Every sync route refuses anonymous callers (401), parents of another household and staff (403).
// Rules S-ACC-1..4 of sync/SYNC_SPEC.md.
import { describe, expect, it } from 'vitest';
import { createHarness } from './test-harness';

const h = createHarness();
const owner = h.signIn('parent');
const other = h.signIn('parent');
const staff = h.signIn('staff');
const admin = h.signIn('admin');
const db = `/sync/${owner.dbName}`;
const id = encodeURIComponent('preinscription:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10');

const ROUTES: [string, string, unknown?][] = [
	['GET', `${db}`],
	['GET', `${db}/`],
	['PUT', `${db}`],
	['DELETE', `${db}`],
	['GET', `${db}/_local/checkpoint`],
	['PUT', `${db}/_local/checkpoint`, { last_seq: 1 }],
	['GET', `${db}/_changes?since=0&style=all_docs`],
	['POST', `${db}/_changes?filter=_doc_ids`, { doc_ids: [] }],
	['POST', `${db}/_revs_diff`, {}],
	['POST', `${db}/_bulk_get?revs=true`, { docs: [] }],
	['POST', `${db}/_bulk_docs`, { docs: [], new_edits: false }],
	['GET', `${db}/${id}`],
	['PUT', `${db}/${id}`, { type: 'preinscription', state: 'draft' }],
	['DELETE', `${db}/${id}?rev=1-abc`],
	['GET', `${db}/${id}/page-1`]
];

function call(method: string, path: string, token: string | null, body?: unknown) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (token) headers['x-test-session'] = token;
	return h.app.request(path, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

describe('authorization on every sync route', () => {
	it.each(ROUTES)('S-ACC-1 %s %s without a session → 401', async (method, path, body) => {
		const res = await call(method, path, null, body);
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: 'unauthorized' });
	});

	it.each(ROUTES)('S-ACC-2 %s %s from another household → 403', async (method, path, body) => {
		const res = await call(method, path, other.token, body);
		expect(res.status).toBe(403);
		expect((await res.json()).reason).toMatch(/accès/);
	});

	it.each(ROUTES)(
		'S-ACC-3 %s %s with a staff or admin session → 403',
		async (method, path, body) => {
			expect((await call(method, path, staff.token, body)).status).toBe(403);
			expect((await call(method, path, admin.token, body)).status).toBe(403);
		}
	);

	it('S-ACC-1 the server root needs a session but no household', async () => {
		expect((await call('GET', '/sync/', null)).status).toBe(401);
		expect((await call('GET', '/sync/', staff.token)).status).toBe(200);
	});

	it('S-ACC-4 the owner reaches its database; PUT on it is 412, on any other name 403', async () => {
		expect((await call('GET', db, owner.token)).status).toBe(200);
		expect((await call('PUT', db, owner.token)).status).toBe(412);
		const res = await call('PUT', '/sync/anything-else', owner.token);
		expect(res.status).toBe(403);
		expect((await res.json()).reason).toMatch(/accès/);
	});

	it('S-ACC-4 a parent whose household row is gone gets 404, never a new database', async () => {
		const ghost = h.signIn('parent', '0c9a3a5e-0000-4000-8000-000000000000');
		const res = await call('GET', `/sync/${ghost.dbName}`, ghost.token);
		expect(res.status).toBe(404);
		const n = h.deps.db
			.prepare('SELECT COUNT(*) AS n FROM sync_dbs WHERE name = ?')
			.get(ghost.dbName) as { n: number };
		expect(n.n).toBe(0);
	});
});
