// A submitted request stays as submitted, whatever order branches from several devices arrive in:
// after sync, the server and every device agree that the winner is the submitted revision, the
// request is still "Déposée", and the device whose edits lose got a French refusal (S-OWN-3..5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareTestChild } from './test-harness';
import type { Database, PouchDoc, ReplicationInfo } from 'pouchdb-core';
import { createHarness, listen, type Harness, type RunningServer } from './test-harness';
import { localDb, Pouch, remoteDb } from '../test/pouch';
import { draftPreinscription, submittedPreinscription } from '../test/factories';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

const LOCKED = /Cette demande a déjà été transmise au service : elle ne peut plus être modifiée/;

interface Device {
	db: Database;
	denied: ReplicationInfo[];
}

/** One household, its server database and two devices of its parents. */
function household() {
	const { token, dbName, user } = h.signIn('parent');
	declareTestChild(h.deps.db, user.householdId!);
	const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
	const device = (): Device => ({ db: localDb(), denied: [] });
	const push = async (d: Device) => {
		const rep = Pouch.replicate(d.db, remote);
		rep.on('denied', (e) => d.denied.push(e));
		await rep;
	};
	const pull = async (d: Device) => void (await Pouch.replicate(remote, d.db));
	const sync = async (...devices: Device[]) => {
		for (const d of devices) await push(d);
		for (const d of devices) await pull(d);
	};
	const request = (docId: string) =>
		h.deps.db
			.prepare('SELECT * FROM requests WHERE household_id = ? AND doc_id = ?')
			.get(user.householdId, docId) as
			{ number: number; status: string; doc_rev?: string } | undefined;
	return { remote, device, push, pull, sync, request, dbName, token };
}

/** A replicated revision written as a device holds it: explicit position and ancestry. */
function revision(doc: PouchDoc, ids: string[], deleted = false): PouchDoc {
	const { _id } = doc;
	const start = ids.length; // every branch here grows from the same root revision 1-a1
	const body = deleted ? { _id, _deleted: true } : { ...doc };
	return { ...body, _rev: `${start}-${ids[0]}`, _revisions: { start, ids } };
}

async function writeBranches(d: Device, docs: PouchDoc[]) {
	await d.db.bulkDocs(docs, { new_edits: false });
}

/** Every replica's view of the document: winner rev, state, content, deleted or not. */
async function winnerOn(db: Database, id: string) {
	const doc = (await db.get(id).catch((e: { reason?: string }) => ({
		missing: e.reason ?? 'missing'
	}))) as PouchDoc & { missing?: string };
	return doc;
}

async function expectSubmittedEverywhere(
	t: ReturnType<typeof household>,
	submitted: PouchDoc,
	replicas: Database[],
	rev = submitted._rev
) {
	const expected = { ...submitted } as Record<string, unknown>;
	delete expected._rev;
	delete expected._revisions;
	for (const db of [t.remote, ...replicas]) {
		const doc = await winnerOn(db, submitted._id);
		expect(doc.missing).toBeUndefined();
		expect(doc._rev).toBe(rev);
		expect(doc).toMatchObject(expected);
		expect(doc._deleted).toBeUndefined();
	}
	const req = t.request(submitted._id);
	expect(req?.status).toBe('Déposée');
	expect(req?.doc_rev).toBe(rev);
}

/** The request's revision after the service wrote the submitted content again (S-OWN-5). */
function restoredRev(t: ReturnType<typeof household>, id: string) {
	const rev = t.request(id)?.doc_rev;
	expect(rev).toMatch(/^\d+-[0-9a-f]{32}$/);
	return rev;
}

describe('a submitted request stays as submitted (S-OWN-3..5)', () => {
	it('S-OWN-4 a draft branch at 5-e5 then a submitted 2-s2: the submitted revision wins on every replica', async () => {
		const t = household();
		const base = draftPreinscription();
		const submitted = submittedPreinscription({ _id: base._id, childId: base.childId });
		const a = t.device();
		const b = t.device();
		await writeBranches(a, [revision(base, ['e5', 'e4', 'e3', 'e2', 'a1'])]);
		await t.push(a);
		await writeBranches(b, [revision(submitted, ['s2', 'a1'])]);
		await t.push(b);
		await t.sync(a, b);
		await expectSubmittedEverywhere(t, submitted, [a.db, b.db], '2-s2');
	});

	it('S-OWN-4 the submitted 2-s2 first, then a longer draft branch and a second submission: both refused, 2-s2 wins everywhere', async () => {
		const t = household();
		const base = draftPreinscription();
		const submitted = submittedPreinscription({ _id: base._id, childId: base.childId });
		const a = t.device();
		const b = t.device();
		await writeBranches(b, [revision(submitted, ['s2', 'a1'])]);
		await t.push(b);
		const other = { ...submitted, observations: 'Déposé aussi depuis un autre appareil' };
		await writeBranches(a, [
			revision(base, ['e5', 'e4', 'e3', 'e2', 'a1']),
			revision(other, ['z3', 'z2', 'a1'])
		]);
		await t.push(a);
		expect(a.denied.map((d) => d.reason)).toEqual([
			expect.stringMatching(LOCKED),
			expect.stringMatching(LOCKED)
		]);
		await t.sync(a, b);
		await expectSubmittedEverywhere(t, submitted, [a.db, b.db], '2-s2');
		const all = await t.remote.get(base._id, { open_revs: 'all' });
		const live = (all as { ok?: PouchDoc & { _deleted?: boolean } }[]).filter(
			(r) => r.ok && !r.ok._deleted
		);
		expect(live.map((r) => r.ok!._rev)).toEqual(['2-s2']); // no conflict left to show
		expect(t.request(base._id)?.number).toBeGreaterThan(0);
	});

	it('S-OWN-3 S-OWN-5 a chain on top of the submitted branch is refused and does not change the content', async () => {
		const t = household();
		const base = draftPreinscription();
		const submitted = submittedPreinscription({ _id: base._id, childId: base.childId });
		const a = t.device();
		const b = t.device();
		await writeBranches(a, [revision(base, ['e5', 'e4', 'e3', 'e2', 'a1'])]);
		await t.push(a);
		await writeBranches(b, [revision(submitted, ['s2', 'a1'])]);
		await t.push(b);
		const changed = { ...submitted, observations: 'Contenu changé après le dépôt' };
		await writeBranches(a, [revision(changed, ['c6', 'c5', 'c4', 'c3', 's2', 'a1'])]);
		await t.push(a);
		expect(a.denied.map((d) => d.reason)).toEqual([expect.stringMatching(LOCKED)]);
		await t.sync(a, b);
		await expectSubmittedEverywhere(t, submitted, [a.db, b.db], restoredRev(t, base._id));
	});

	it('S-OWN-3 S-OWN-5 deleting the submitted branch and the draft branch does not delete the request’s document', async () => {
		const t = household();
		const base = draftPreinscription();
		const submitted = submittedPreinscription({ _id: base._id, childId: base.childId });
		const a = t.device();
		const b = t.device();
		await writeBranches(a, [revision(base, ['e5', 'e4', 'e3', 'e2', 'a1'])]);
		await t.push(a);
		await writeBranches(b, [revision(submitted, ['s2', 'a1'])]);
		await t.push(b);
		await writeBranches(a, [
			revision(submitted, ['d3', 's2', 'a1'], true),
			revision(base, ['d6', 'e5', 'e4', 'e3', 'e2', 'a1'], true)
		]);
		await t.push(a);
		expect(a.denied.length).toBeGreaterThan(0);
		expect(a.denied.every((d) => LOCKED.test(d.reason ?? ''))).toBe(true);
		await t.sync(a, b);
		await expectSubmittedEverywhere(t, submitted, [a.db, b.db], restoredRev(t, base._id));
	});

	it('S-OWN-4 two devices with plain PouchDB: offline drafts, then the other device submits, then edit and delete', async () => {
		const t = household();
		const d1 = t.device();
		const d2 = t.device();
		const draft = draftPreinscription();
		await d1.db.put(draft);
		await t.sync(d1, d2);

		// Device 1, offline: three draft edits. Device 2 submits the first version.
		for (const n of [1, 2, 3]) {
			const cur = await d1.db.get(draft._id);
			await d1.db.put({ ...cur, observations: `Brouillon hors ligne ${n}` });
		}
		const onD2 = await d2.db.get(draft._id);
		const { _id, _rev, ...complete } = submittedPreinscription({ childId: draft.childId });
		void _id;
		void _rev;
		await d2.db.put({ ...onD2, ...complete });
		const submitted = await d2.db.get(draft._id);

		await t.push(d1); // device 1 comes back online first
		await t.push(d2); // then device 2's submission arrives
		expect(t.request(draft._id)?.status).toBe('Déposée');

		// Device 1 has not pulled yet: it edits, then deletes its (draft) copy.
		const cur = await d1.db.get(draft._id);
		await d1.db.put({ ...cur, observations: 'Modifié après le dépôt par l’autre appareil' });
		await t.push(d1);
		await d1.db.remove(await d1.db.get(draft._id));
		await t.push(d1);
		expect(d1.denied.length).toBe(2);
		expect(d1.denied.every((d) => d.id === draft._id && LOCKED.test(d.reason ?? ''))).toBe(true);
		expect(d2.denied).toEqual([]);

		await t.sync(d1, d2);
		await t.sync(d1, d2);
		await expectSubmittedEverywhere(t, submitted, [d1.db, d2.db]);
	});

	it('S-OWN-5 a device that edits or deletes the submitted revision itself is refused and gets the submitted content back', async () => {
		const t = household();
		const d1 = t.device();
		const d2 = t.device();
		const doc = submittedPreinscription();
		await d2.db.put(doc);
		await t.sync(d2, d1);
		const submitted = await d1.db.get(doc._id);

		await d1.db.put({ ...submitted, observations: 'Changement après dépôt' });
		await t.push(d1);
		await t.sync(d1, d2);
		await d1.db.remove(await d1.db.get(doc._id));
		await t.push(d1);
		expect(d1.denied.map((d) => d.reason)).toEqual([
			expect.stringMatching(LOCKED),
			expect.stringMatching(LOCKED)
		]);
		await t.sync(d1, d2);
		// Same content as submitted, in a revision the service wrote on top of the refused ones.
		await expectSubmittedEverywhere(t, submitted, [d1.db, d2.db], restoredRev(t, doc._id));
	});
});
