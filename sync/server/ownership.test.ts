// Document ownership and validation through a real replication: refusals are per document and
// reported by PouchDB as `denied`, the rest goes through (S-OWN-*, S-VAL-*, S-ATT-2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareTestChild } from './test-harness';
import { TOO_MANY_PAGES } from '../../src/lib/domain/documents';
import { TEST_DECLARATION_ID } from '../test/factories';
import type { PouchDoc, ReplicationInfo } from 'pouchdb-core';
import { createHarness, listen, type Harness, type RunningServer } from './test-harness';
import { localDb, Pouch, remoteDb } from '../test/pouch';
import {
	draftPreinscription,
	fakeFile,
	pieceWithPages,
	submittedPreinscription
} from '../test/factories';
import { MAX_ATTACHMENT_BYTES } from './attachments';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

/** Pushes `docs` from a fresh device; returns the ids written and the denials. */
async function push(docs: PouchDoc[]) {
	const { token, dbName, user } = h.signIn('parent');
	declareTestChild(h.deps.db, user.householdId!);
	const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
	const device = localDb();
	await device.bulkDocs(docs);
	const denied: ReplicationInfo[] = [];
	const rep = Pouch.replicate(device, remote);
	rep.on('denied', (e) => denied.push(e));
	const result = await rep;
	const stored = await remote.allDocs();
	const storedIds = stored.rows.map((r) => r.id).filter((id) => id !== TEST_DECLARATION_ID);
	return { result, denied, storedIds, remote, device };
}

const reasonsOf = (denied: ReplicationInfo[]) =>
	Object.fromEntries(denied.map((d) => [d.id, d.reason]));

describe('ownership and validation', () => {
	it('S-OWN-1 S-OWN-2 svc: ids, unknown types and malformed ids are refused, the rest replicates', async () => {
		const good = draftPreinscription();
		const svc = { _id: 'svc:status:preinscription:x', type: 'status', status: 'Acceptée' };
		const unknown = { _id: 'invoice:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10', type: 'invoice' };
		const malformed = { _id: 'preinscription-42', type: 'preinscription' };
		const { denied, storedIds, result } = await push([good, svc, unknown, malformed]);
		expect(storedIds).toEqual([good._id]);
		expect(result.doc_write_failures).toBe(3);
		const reasons = reasonsOf(denied);
		expect(reasons[svc._id]).toMatch(/géré par le service/);
		expect(reasons[unknown._id]).toMatch(/Identifiant de document invalide/);
		expect(reasons[malformed._id]).toMatch(/Identifiant de document invalide/);
		expect(denied.every((d) => d.name === 'forbidden' || d.status_code === 403 || d.reason)).toBe(
			true
		);
	});

	it('S-VAL-1 a draft may be incomplete but its present fields are checked', async () => {
		const partial = { _id: draftPreinscription()._id, type: 'preinscription', state: 'draft' };
		const badDate = draftPreinscription({ wishedStartDate: '2027-02-30' });
		const tooMany = draftPreinscription({ choices: ['a', 'b', 'c', 'd'] });
		const twice = draftPreinscription({ choices: ['a', 'a'] });
		const { denied, storedIds } = await push([partial, badDate, tooMany, twice]);
		expect(storedIds).toEqual([partial._id]);
		const reasons = reasonsOf(denied);
		expect(reasons[badDate._id]).toMatch(/date valide/);
		expect(reasons[tooMany._id]).toMatch(/Trois structures au plus/);
		expect(reasons[twice._id]).toMatch(/deux fois/);
	});

	it('S-VAL-3 structure choices must be active structures of the service', async () => {
		const good = draftPreinscription({ choices: ['cocon-de-soie'] });
		const unknown = draftPreinscription({ choices: ['cocon-de-soie', 'creche-inconnue'] });
		const { denied, storedIds } = await push([good, unknown]);
		expect(storedIds).toEqual([good._id]);
		expect(reasonsOf(denied)[unknown._id]).toBe(
			'La structure « creche-inconnue » n’existe pas ou n’accueille plus de préinscriptions.'
		);
	});

	it('S-VAL-2 a submitted document must be complete; the type must match the id', async () => {
		const complete = submittedPreinscription();
		const incomplete = { ...draftPreinscription(), state: 'submitted' };
		const mismatch = { ...draftPreinscription(), type: 'entourage' };
		const { denied, storedIds } = await push([complete, incomplete, mismatch]);
		// The accepted submission also got its service status document (S-PROJ-2).
		expect(storedIds).toEqual([complete._id, `svc:status:${complete._id}`]);
		const reasons = reasonsOf(denied);
		expect(reasons[incomplete._id]).toMatch(/obligatoire|Date d’entrée/);
		expect(reasons[mismatch._id]).toMatch(/doit être « preinscription »/);
	});

	it('S-OWN-3 a document already submitted cannot be changed or deleted by a parent', async () => {
		const doc = submittedPreinscription();
		const { remote, device } = await push([doc]);
		const stored = await device.get(doc._id);
		await device.put({ ...stored, observations: 'changement après dépôt' });
		const denied: ReplicationInfo[] = [];
		await Pouch.replicate(device, remote).on('denied', (e) => denied.push(e));
		expect(denied[0]?.reason).toMatch(/déjà été transmis/);
		expect((await remote.get(doc._id)).observations).toBe(doc.observations);
	});

	it('S-PROJ-5 beyond the daily request cap, each further submission is denied with the French reason, the replication goes on', async () => {
		const cap = h.deps.config.requestsPerHouseholdPerDay;
		const submissions = Array.from({ length: cap + 5 }, () => submittedPreinscription());
		const draft = draftPreinscription();
		const { denied, storedIds, result } = await push([...submissions, draft]);
		expect(result.doc_write_failures).toBe(5);
		expect(denied).toHaveLength(5);
		for (const d of denied) expect(d.reason).toMatch(/^Trop de demandes envoyées aujourd’hui/);
		expect(storedIds).toContain(draft._id);
		expect(storedIds.filter((id) => id.startsWith('svc:status:'))).toHaveLength(cap);
	});

	it('S-ATT-2 attachments: only JPEG, PNG, WebP, PDF by content, only on pieces, size-limited', async () => {
		const ok = pieceWithPages([fakeFile('png'), fakeFile('webp')], 'png');
		(ok._attachments!['page-2'] as { content_type: string }).content_type = 'image/webp';
		const text = pieceWithPages([Buffer.from('just some text pretending to be an image')]);
		const lying = pieceWithPages([fakeFile('pdf')], 'jpeg');
		const onPreinscription = {
			...draftPreinscription(),
			_attachments: { scan: { content_type: 'image/jpeg', data: fakeFile('jpeg') } }
		};
		const huge = pieceWithPages([fakeFile('jpeg', MAX_ATTACHMENT_BYTES + 1)]);
		const { denied, storedIds } = await push([ok, text, lying, onPreinscription, huge]);
		expect(storedIds).toEqual([ok._id]);
		const reasons = reasonsOf(denied);
		expect(reasons[text._id]).toMatch(/type accepté/);
		expect(reasons[lying._id]).toMatch(
			/annoncé comme image\/jpeg mais son contenu est application\/pdf/
		);
		expect(reasons[onPreinscription._id]).toMatch(/Seules les pièces/);
		expect(reasons[huge._id]).toMatch(/taille maximale/);
	});

	it('S-ATT-2 a piece has at most 10 pages, so it always fits in one sync request', async () => {
		const ten = pieceWithPages(Array.from({ length: 10 }, () => fakeFile('jpeg')));
		const eleven = pieceWithPages(Array.from({ length: 11 }, () => fakeFile('jpeg')));
		const { denied, storedIds } = await push([ten, eleven]);
		expect(storedIds).toEqual([ten._id]);
		expect(reasonsOf(denied)[eleven._id]).toBe(TOO_MANY_PAGES);
	});

	it('S-ATT-2 a request body over the limit is refused whole with 413 and a French reason', async () => {
		const { token, dbName } = h.signIn('parent');
		const res = await h.app.request(`/sync/${dbName}/_bulk_docs`, {
			method: 'POST',
			headers: {
				'x-test-session': token,
				'content-type': 'application/json',
				'content-length': String(200 * 1024 * 1024)
			},
			body: JSON.stringify({ docs: [] })
		});
		expect(res.status).toBe(413);
		expect((await res.json()).reason).toMatch(/dépasse 16 Mo/);
	});
});
