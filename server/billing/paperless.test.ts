// The paperless choice per child, from the family's device (real PouchDB through /sync, SYNC_SPEC
// S-PROJ-10): written offline and delivered later, projected once; the latest validation wins per
// child whatever the order of arrival; a child not in the household file is refused in French.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PouchDoc, ReplicationInfo } from 'pouchdb-core';
import { TEST_CHILD_ID } from '../../sync/test/factories';
import { Pouch } from '../../sync/test/pouch';
import { openDesk, openFamily, type Desk, type Family } from '../desk/desk-fixtures';
import { PAPERLESS_CHILD_UNKNOWN, paperlessChoices } from './paperless';

let desk: Desk;
beforeAll(async () => {
	desk = await openDesk();
});
afterAll(() => desk.close());

interface PaperlessDoc extends PouchDoc {
	children: { childId: string; childName: string; paperless: boolean }[];
}

function paperless(
	paperlessOn: boolean,
	validatedAt: string,
	childId = TEST_CHILD_ID
): PaperlessDoc {
	return {
		_id: `paperless:${randomUUID()}`,
		type: 'paperless',
		state: 'submitted',
		children: [{ childId, childName: 'Léa Martin', paperless: paperlessOn }],
		validatedAt
	};
}

/** Replicates the device to the server; returns the refusals' French reasons. */
async function push(family: Family): Promise<string[]> {
	const denied: ReplicationInfo[] = [];
	const rep = Pouch.replicate(family.device, family.remote);
	rep.on('denied', (e) => denied.push(e));
	await rep;
	return denied.map((e) => String((e as { reason?: string }).reason));
}

const rows = (householdId: string) =>
	desk.h.db
		.prepare(
			'SELECT child_id, paperless, doc_id, validated_at FROM paperless_choices WHERE household_id = ?'
		)
		.all(householdId);

describe('paperless documents (S-PROJ-10)', () => {
	it('S-PROJ-10: a choice written offline reaches the server at the next sync, projected once', async () => {
		const family = await openFamily(desk);
		const doc = paperless(true, '2027-01-10T08:00:00.000Z');
		// Offline: the document waits on the device, the server knows nothing yet.
		await family.device.put(doc);
		expect(rows(family.householdId)).toEqual([]);
		// Back online: replicated, projected.
		expect(await push(family)).toEqual([]);
		expect(paperlessChoices(desk.h.db, family.householdId)).toEqual({ [TEST_CHILD_ID]: true });
		// A replay of the same revision writes nothing new.
		expect(await push(family)).toEqual([]);
		expect(rows(family.householdId)).toEqual([
			{
				child_id: TEST_CHILD_ID,
				paperless: 1,
				doc_id: doc._id,
				validated_at: '2027-01-10T08:00:00.000Z'
			}
		]);
	});

	it('S-PROJ-10: the latest validation wins per child, even when an older one arrives last', async () => {
		const family = await openFamily(desk);
		await family.device.put(paperless(false, '2027-02-01T09:00:00.000Z'));
		expect(await push(family)).toEqual([]);
		expect(paperlessChoices(desk.h.db, family.householdId)).toEqual({ [TEST_CHILD_ID]: false });
		// A newer choice: paperless.
		await family.device.put(paperless(true, '2027-02-03T09:00:00.000Z'));
		expect(await push(family)).toEqual([]);
		expect(paperlessChoices(desk.h.db, family.householdId)).toEqual({ [TEST_CHILD_ID]: true });
		// A choice made earlier on another device, delivered only now: it changes nothing.
		await family.device.put(paperless(false, '2027-02-02T09:00:00.000Z'));
		expect(await push(family)).toEqual([]);
		expect(paperlessChoices(desk.h.db, family.householdId)).toEqual({ [TEST_CHILD_ID]: true });
	});

	it('S-PROJ-10: a child not in the household file is refused with a French reason, nothing written', async () => {
		const family = await openFamily(desk);
		await family.device.put(paperless(true, '2027-03-01T09:00:00.000Z', randomUUID()));
		expect(await push(family)).toEqual([PAPERLESS_CHILD_UNKNOWN]);
		expect(rows(family.householdId)).toEqual([]);
	});

	it('S-PROJ-10: a submitted choice is locked: the family makes a new one instead', async () => {
		const family = await openFamily(desk);
		const doc = paperless(true, '2027-04-01T09:00:00.000Z');
		await family.device.put(doc);
		expect(await push(family)).toEqual([]);
		const current = await family.device.get(doc._id);
		await family.device.put({ ...current, children: [{ ...doc.children[0], paperless: false }] });
		const refusals = await push(family);
		expect(refusals).toHaveLength(1);
		expect(refusals[0]).toMatch(/déjà été transmis/);
		expect(paperlessChoices(desk.h.db, family.householdId)).toEqual({ [TEST_CHILD_ID]: true });
	});

	it('refuses a document without a choice for a child, in French', async () => {
		const family = await openFamily(desk);
		const doc = paperless(true, '2027-05-01T09:00:00.000Z');
		await family.device.put({ ...doc, children: [{ childId: TEST_CHILD_ID, childName: 'Léa' }] });
		expect(await push(family)).toEqual(['Le champ « Facture en ligne » est obligatoire.']);
		expect(rows(family.householdId)).toEqual([]);
	});
});
