// Submitted documents become numbered requests, a svc:status document and an outbox mail, in the
// same transaction as the revision (S-PROJ-1..4).
import { afterEach, describe, expect, it } from 'vitest';
import { declareTestChild } from './test-harness';
import { TEST_DECLARATION_ID } from '../test/factories';
import { createHarness } from './test-harness';
import { registerProjector } from './index';
import { ManualClock } from '../../server/clock';
import { DEFAULT_REQUESTS_PER_HOUSEHOLD_PER_DAY } from '../../server/config';
import {
	draftPreinscription,
	submittedEntourage,
	submittedPreinscription
} from '../test/factories';
import type { PouchDoc } from 'pouchdb-core';
import { statusDocProblem } from '../../src/lib/domain/service-documents';
import { REQUEST_STATUSES } from '../../src/lib/domain/request-status';

function setup(clock = new ManualClock()) {
	let kicks = 0;
	const h = createHarness(undefined, { kickOutbox: () => void kicks++, clock });
	const { token, dbName, user } = h.signIn('parent');
	declareTestChild(h.deps.db, user.householdId!);
	const bulk = (docs: PouchDoc[], newEdits = true) =>
		h.app.request(`/sync/${dbName}/_bulk_docs`, {
			method: 'POST',
			headers: { 'x-test-session': token, 'content-type': 'application/json' },
			body: JSON.stringify({ docs, new_edits: newEdits })
		});
	const get = (id: string) =>
		h.app.request(`/sync/${dbName}/${encodeURIComponent(id)}`, {
			headers: { 'x-test-session': token }
		});
	const count = (sql: string) => (h.deps.db.prepare(sql).get() as { n: number }).n;
	return { h, bulk, get, count, user, kicks: () => kicks };
}

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

describe('projection of submitted documents', () => {
	it('S-PROJ-2 a submitted preinscription or entourage gets the next request number, a status doc and a mail', async () => {
		const t = setup();
		const p = submittedPreinscription();
		const e = submittedEntourage();
		const res = await t.bulk([draftPreinscription(), p, e]);
		expect(res.status).toBe(201);
		const requests = t.h.deps.db
			.prepare('SELECT number, doc_id, type, status, household_id FROM requests ORDER BY number')
			.all();
		// Declarations are written first within a request (S-VAL-4), so the entourage is n° 1.
		expect(requests).toEqual([
			{
				number: 1,
				doc_id: e._id,
				type: 'entourage',
				status: 'Déposée',
				household_id: t.user.householdId
			},
			{
				number: 2,
				doc_id: p._id,
				type: 'preinscription',
				status: 'Déposée',
				household_id: t.user.householdId
			}
		]);
		const status = await (await t.get(`svc:status:${p._id}`)).json();
		expect(status).toMatchObject({
			type: 'status',
			subjectId: p._id,
			requestNumber: 2,
			status: 'Déposée'
		});
		expect(status.history).toEqual([
			{ status: 'Déposée', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }
		]);
		const mails = t.h.deps.db
			.prepare("SELECT payload FROM outbox WHERE kind = 'mail' ORDER BY id")
			.all() as { payload: string }[];
		expect(mails.map((m) => JSON.parse(m.payload).mail.to)).toEqual([
			'service@test.localhost',
			'service@test.localhost'
		]);
		expect(mails.map((m) => JSON.parse(m.payload).mail.subject)).toEqual([
			'Nouvelle demande n° 1 : Déclaration d’entourage',
			'Nouvelle demande n° 2 : Préinscription en crèche'
		]);
		expect(t.kicks()).toBe(1);
	});

	it('S-PROJ-2 the svc:status document is the shared shape the UI reads', async () => {
		const t = setup();
		const e = submittedEntourage();
		await t.bulk([e]);
		const status = await (await t.get(`svc:status:${e._id}`)).json();
		expect(statusDocProblem(status)).toBeNull();
		expect(status).toMatchObject({ subjectType: 'entourage', status: 'Déposée' });
	});

	it('S-PROJ-2 the requests table stores exactly the shared request statuses', () => {
		const t = setup();
		const hh = t.user.householdId;
		const insert = (n: number, status: string) =>
			t.h.deps.db
				.prepare(
					`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
					 VALUES (?, ?, ?, ?, 'entourage', ?, '2026-01-01', '2026-01-01')`
				)
				.run(`r${n}`, 1000 + n, hh, `entourage:${n}`, status);
		REQUEST_STATUSES.forEach((status, i) => expect(() => insert(i, status)).not.toThrow());
		expect(() => insert(99, 'Perdue')).toThrow(/CHECK/);
	});

	it('S-PROJ-3 replaying the same revisions (new_edits=false) never makes a second request', async () => {
		const t = setup();
		const p = submittedPreinscription();
		await t.bulk([p]);
		const stored = await (await t.get(p._id)).json();
		const replay = { ...stored, _revisions: { start: 1, ids: [stored._rev.split('-')[1]] } };
		for (let i = 0; i < 3; i++) expect((await t.bulk([replay], false)).status).toBe(201);
		expect(t.count('SELECT COUNT(*) AS n FROM requests')).toBe(1);
		expect(t.count('SELECT COUNT(*) AS n FROM outbox')).toBe(1);
	});

	it('S-PROJ-1 a failing projector rolls back the revision, the request, the status doc and the mail', async () => {
		const t = setup();
		cleanup = registerProjector('preinscription', () => {
			throw new Error('projection failed');
		});
		const p = submittedPreinscription();
		const res = await t.bulk([p]);
		expect(res.status).toBe(500);
		expect((await t.get(p._id)).status).toBe(404);
		expect((await t.get(`svc:status:${p._id}`)).status).toBe(404);
		expect(t.count('SELECT COUNT(*) AS n FROM requests')).toBe(0);
		expect(t.count('SELECT COUNT(*) AS n FROM outbox')).toBe(0);
		expect(
			t.count(`SELECT COUNT(*) AS n FROM sync_docs WHERE doc_id != '${TEST_DECLARATION_ID}'`)
		).toBe(0);
	});

	it('S-PROJ-4 request numbers are shared by all households and never reused', async () => {
		const t = setup();
		await t.bulk([submittedPreinscription()]);
		const other = t.h.signIn('parent');
		declareTestChild(t.h.deps.db, other.user.householdId!);
		await t.h.app.request(`/sync/${other.dbName}/_bulk_docs`, {
			method: 'POST',
			headers: { 'x-test-session': other.token, 'content-type': 'application/json' },
			body: JSON.stringify({ docs: [submittedPreinscription()] })
		});
		const numbers = t.h.deps.db.prepare('SELECT number FROM requests ORDER BY number').all();
		expect(numbers).toEqual([{ number: 1 }, { number: 2 }]);
	});

	it('S-PROJ-3 request identity is per household: the same document id in another household gets its own request', async () => {
		const t = setup();
		const p = submittedPreinscription();
		await t.bulk([p]);
		const other = t.h.signIn('parent');
		declareTestChild(t.h.deps.db, other.user.householdId!);
		const res = await t.h.app.request(`/sync/${other.dbName}/_bulk_docs`, {
			method: 'POST',
			headers: { 'x-test-session': other.token, 'content-type': 'application/json' },
			body: JSON.stringify({ docs: [{ ...p, observations: 'Autre foyer' }] })
		});
		expect((await res.json())[0]).toMatchObject({ ok: true, id: p._id });
		const rows = t.h.deps.db
			.prepare('SELECT number, household_id FROM requests WHERE doc_id = ? ORDER BY number')
			.all(p._id);
		expect(rows).toEqual([
			{ number: 1, household_id: t.user.householdId },
			{ number: 2, household_id: other.user.householdId }
		]);
		const status = await t.h.app.request(
			`/sync/${other.dbName}/${encodeURIComponent(`svc:status:${p._id}`)}`,
			{ headers: { 'x-test-session': other.token } }
		);
		expect(await status.json()).toMatchObject({ requestNumber: 2, status: 'Déposée' });
		expect(t.count('SELECT COUNT(*) AS n FROM outbox')).toBe(2);
	});

	it('S-PROJ-5 one _bulk_docs of 500 submitted documents: at most the daily cap becomes requests, the rest is refused whole', async () => {
		const clock = new ManualClock();
		const t = setup(clock);
		const cap = DEFAULT_REQUESTS_PER_HOUSEHOLD_PER_DAY;
		const docs = Array.from({ length: 500 }, () => submittedPreinscription());
		const res = await t.bulk([...docs, draftPreinscription()]);
		expect(res.status).toBe(201);
		const results = (await res.json()) as { ok?: boolean; error?: string; reason?: string }[];
		expect(results.filter((r) => r.ok)).toHaveLength(cap + 1); // the draft is not a request
		const refused = results.filter((r) => r.error);
		expect(refused).toHaveLength(500 - cap);
		for (const r of refused) {
			expect(r.error).toBe('forbidden');
			expect(r.reason).toMatch(/^Trop de demandes envoyées aujourd’hui/);
		}
		expect(t.count('SELECT COUNT(*) AS n FROM requests')).toBe(cap);
		expect(t.count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'mail'")).toBe(cap);
		// Nothing half-written: a refused submission has no revision and no status document.
		expect((await t.get(docs[cap]!._id)).status).toBe(404);
		expect((await t.get(`svc:status:${docs[cap]!._id}`)).status).toBe(404);
		expect(
			t.count(`SELECT COUNT(*) AS n FROM sync_docs WHERE doc_id != '${TEST_DECLARATION_ID}'`)
		).toBe(2 * cap + 1);

		// Another household is not affected.
		const other = t.h.signIn('parent');
		declareTestChild(t.h.deps.db, other.user.householdId!);
		const res2 = await t.h.app.request(`/sync/${other.dbName}/_bulk_docs`, {
			method: 'POST',
			headers: { 'x-test-session': other.token, 'content-type': 'application/json' },
			body: JSON.stringify({ docs: [submittedPreinscription()] })
		});
		expect((await res2.json())[0].ok).toBe(true);

		// The window is a rolling 24 h: the next day the household may submit again.
		clock.advance(23 * 3600_000);
		expect((await (await t.bulk([docs[cap]!])).json())[0].error).toBe('forbidden');
		clock.advance(3600_000 + 1);
		expect((await (await t.bulk([docs[cap]!])).json())[0].ok).toBe(true);
	});
});
