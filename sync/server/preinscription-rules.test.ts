// S-VAL-4..6: a submitted preinscription is checked against the household that sends it, with the
// real PouchDB client: the child must be declared in a submitted declaration of this household,
// the wished date not past, the pieces this household's. Each refusal is per document, with its
// French reason; a valid one is numbered once, however often it is replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PouchDoc, ReplicationInfo } from 'pouchdb-core';
import {
	CHILD_NOT_DECLARED,
	ENTRY_DATE_PAST,
	PIECE_NOT_IN_HOUSEHOLD
} from '../../src/lib/domain/preinscription-rules';
import { todayInParis } from '../../src/lib/domain/validation';
import {
	createHarness,
	declareTestChild,
	listen,
	type Harness,
	type RunningServer
} from './test-harness';
import { fakeFile, pieceWithPages, submittedPreinscription } from '../test/factories';
import { localDb, Pouch, remoteDb } from '../test/pouch';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

function household() {
	const { token, dbName, user } = h.signIn('parent');
	declareTestChild(h.deps.db, user.householdId!);
	const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
	const device = localDb();
	return {
		remote,
		device,
		async push(docs: PouchDoc[]) {
			await device.bulkDocs(docs);
			const denied: ReplicationInfo[] = [];
			const rep = Pouch.replicate(device, remote);
			rep.on('denied', (e) => denied.push(e));
			await rep;
			return denied.map((d) => {
				const x = d as unknown as { id: string; reason?: string; message?: string };
				return { id: x.id, reason: x.reason ?? x.message };
			});
		}
	};
}

const requests = (id: string) =>
	(
		h.deps.db.prepare('SELECT COUNT(*) AS n FROM requests WHERE doc_id = ?').get(id) as {
			n: number;
		}
	).n;

describe('household rules of a submitted preinscription', () => {
	it('S-VAL-4 a child not declared in this household is refused with its reason', async () => {
		const hh = household();
		const doc = submittedPreinscription({ childId: '5f5f5f5f-1111-4222-8333-444455556666' });
		expect(await hh.push([doc])).toEqual([{ id: doc._id, reason: CHILD_NOT_DECLARED }]);
		expect(requests(doc._id)).toBe(0);
	});

	it('S-VAL-5 a past wished date is refused; the others in the same push go through', async () => {
		const hh = household();
		const past = submittedPreinscription({ wishedStartDate: '2020-01-01' });
		const ok = submittedPreinscription();
		expect(await hh.push([past, ok])).toEqual([{ id: past._id, reason: ENTRY_DATE_PAST }]);
		expect(requests(past._id)).toBe(0);
		expect(requests(ok._id)).toBe(1);
		// Validated yesterday on a device offline, synced today: checked against the day it was validated.
		const yesterday = new Date(Date.now() - 86_400_000);
		const late = submittedPreinscription({
			wishedStartDate: todayInParis(yesterday),
			submittedAt: yesterday.toISOString()
		});
		expect(await hh.push([late])).toEqual([]);
	});

	it('S-VAL-3 an inactive structure is refused', async () => {
		const hh = household();
		h.deps.db.prepare("UPDATE structures SET active = 0 WHERE id = 'grain-d-aile'").run();
		const doc = submittedPreinscription({ choices: ['grain-d-aile'] });
		const denied = await hh.push([doc]);
		h.deps.db.prepare("UPDATE structures SET active = 1 WHERE id = 'grain-d-aile'").run();
		expect(denied).toEqual([
			{
				id: doc._id,
				reason: 'La structure « grain-d-aile » n’existe pas ou n’accueille plus de préinscriptions.'
			}
		]);
	});

	it('S-VAL-6 a piece of another household is refused; one of this household is accepted', async () => {
		const other = household();
		const theirs = pieceWithPages([fakeFile('jpeg', 1024)]);
		expect(await other.push([theirs])).toEqual([]);
		const hh = household();
		const ours = pieceWithPages([fakeFile('jpeg', 1024)]);
		const stolen = submittedPreinscription({ pieceIds: [theirs._id] });
		const fine = submittedPreinscription({ pieceIds: [ours._id] });
		expect(await hh.push([ours, stolen, fine])).toEqual([
			{ id: stolen._id, reason: PIECE_NOT_IN_HOUSEHOLD }
		]);
		expect(requests(fine._id)).toBe(1);
	});

	it('S-PROJ-3 a valid one is numbered once, however often it is replayed', async () => {
		const hh = household();
		const doc = submittedPreinscription();
		expect(await hh.push([doc])).toEqual([]);
		for (let i = 0; i < 3; i++) {
			const again = localDb();
			await Pouch.replicate(hh.remote, again);
			await Pouch.replicate(again, hh.remote);
		}
		expect(requests(doc._id)).toBe(1);
	});
});
