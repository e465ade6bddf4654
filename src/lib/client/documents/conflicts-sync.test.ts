// Two devices of one family, each with its real PouchDB, syncing through the real /sync endpoint:
// the same draft edited on both while offline becomes a conflict both devices see; the parent
// keeps one version on one device, and after sync both hold that version and no conflict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createHarness,
	declareTestChild,
	listen,
	type RunningServer
} from '../../../../sync/server/test-harness';
import { Pouch, remoteDb } from '../../../../sync/test/pouch';
import { fakeFile, TEST_CHILD_ID } from '../../../../sync/test/factories';
import { createPieceService } from './piece.service';
import { createPreinscriptionService } from './preinscription.service';
import { ALREADY_SUBMITTED } from './parent-document';
import { memoryDb } from './test-db';

const h = createHarness();
let server: RunningServer;
beforeAll(async () => {
	server = await listen(h.app);
});
afterAll(() => server.close());

const child = TEST_CHILD_ID; // declared in every test household (S-VAL-4)
type Db = Parameters<typeof Pouch.replicate>[0];

function family() {
	const { token, dbName, user } = h.signIn('parent');
	declareTestChild(h.deps.db, user.householdId!);
	const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
	const device = () => {
		const { db, source } = memoryDb();
		const local = db as unknown as Db;
		return {
			preinscriptions: createPreinscriptionService(source),
			pieces: createPieceService(source),
			async sync() {
				const pushed = await Pouch.replicate(local, remote);
				await Pouch.replicate(remote, local);
				return pushed;
			}
		};
	};
	return { phone: device(), laptop: device() };
}

/** The same draft on both devices, then edited differently on each while offline. */
async function conflictingDraft() {
	const { phone, laptop } = family();
	const id = phone.preinscriptions.newId();
	await phone.preinscriptions.saveDraft(id, { childId: child, wishedStartDate: '2027-09-01' });
	await phone.sync();
	await laptop.sync();
	await phone.preinscriptions.saveDraft(id, { observations: 'Écrit sur le téléphone' });
	await laptop.preinscriptions.saveDraft(id, { observations: 'Écrit sur l’ordinateur' });
	await phone.sync();
	await laptop.sync();
	await phone.sync();
	return { phone, laptop, id };
}

describe('conflicting versions of a draft across two devices', () => {
	it('S-WRITE-3 both devices see the two versions offline edits made, the winner first', async () => {
		const { phone, laptop, id } = await conflictingDraft();
		for (const device of [phone, laptop]) {
			const versions = await device.preinscriptions.conflicts(id);
			expect(versions).toHaveLength(2);
			expect(versions!.map((v) => v.observations).sort()).toEqual([
				'Écrit sur le téléphone',
				'Écrit sur l’ordinateur'
			]);
			expect(versions![0]._rev).toBe((await device.preinscriptions.get(id))?._rev);
		}
	});

	it('keeping the version the replication did not pick: both devices converge on it, no conflict left', async () => {
		const { phone, laptop, id } = await conflictingDraft();
		const versions = (await laptop.preinscriptions.conflicts(id))!;
		const loser = versions[1];
		const kept = await laptop.preinscriptions.resolveConflict(id, loser._rev!);
		expect(kept.observations).toBe(loser.observations);
		expect(await laptop.preinscriptions.conflicts(id)).toBeNull();

		await laptop.sync();
		await phone.sync();
		for (const device of [phone, laptop]) {
			expect(await device.preinscriptions.conflicts(id)).toBeNull();
			expect(await device.preinscriptions.get(id)).toMatchObject({
				observations: loser.observations,
				childId: child,
				wishedStartDate: '2027-09-01',
				state: 'draft'
			});
		}
		// the kept draft goes on as usual: an edit on the other device reaches the first
		await phone.preinscriptions.saveDraft(id, { observations: 'Suite' });
		await phone.sync();
		await laptop.sync();
		expect((await laptop.preinscriptions.get(id))?.observations).toBe('Suite');
	});

	it('keeping the winning version removes the other one everywhere', async () => {
		const { phone, laptop, id } = await conflictingDraft();
		const [winner] = (await phone.preinscriptions.conflicts(id))!;
		await phone.preinscriptions.resolveConflict(id, winner._rev!);
		await phone.sync();
		await laptop.sync();
		for (const device of [phone, laptop]) {
			expect(await device.preinscriptions.conflicts(id)).toBeNull();
			expect((await device.preinscriptions.get(id))?.observations).toBe(winner.observations);
		}
	});

	it('a piece draft whose pages differ keeps the chosen version’s pages on both devices', async () => {
		const { phone, laptop } = family();
		const id = phone.pieces.newId();
		const personId = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
		await phone.pieces.saveDraft(id, { personId, kind: 'proofOfAddress', label: 'Facture' });
		await phone.sync();
		await laptop.sync();
		const phonePage = fakeFile('jpeg', 4096);
		const laptopPage = fakeFile('jpeg', 8192);
		await phone.pieces.setPages(id, [{ contentType: 'image/jpeg', data: phonePage }]);
		await laptop.pieces.setPages(id, [{ contentType: 'image/jpeg', data: laptopPage }]);
		await phone.sync();
		await laptop.sync();
		await phone.sync();

		// keep the version replication did not pick: its pages come from the other branch
		const loser = (await phone.pieces.conflicts(id))![1];
		const length = (loser._attachments?.['page-1'] as { length?: number }).length;
		const keptPage = length === laptopPage.length ? laptopPage : phonePage;
		await phone.pieces.resolveConflict(id, loser._rev!);
		await phone.sync();
		await laptop.sync();
		for (const device of [phone, laptop]) {
			expect(await device.pieces.conflicts(id)).toBeNull();
			const page = await device.pieces.page(id, 'page-1');
			const bytes =
				page instanceof Blob ? Buffer.from(await page.arrayBuffer()) : Buffer.from(page);
			expect(bytes.equals(keptPage)).toBe(true);
		}
	});

	it('a version that is no longer a leaf is refused with a French reason', async () => {
		const { phone, id } = await conflictingDraft();
		await expect(phone.preinscriptions.resolveConflict(id, '1-abc')).rejects.toThrow(
			/n’existe plus/
		);
	});

	it('S-OWN-3 a request the service numbered keeps its submitted version', async () => {
		const { phone, laptop, id } = await conflictingDraft();
		const [winner] = (await phone.preinscriptions.conflicts(id))!;
		await phone.preinscriptions.resolveConflict(id, winner._rev!);
		await phone.sync();
		await laptop.sync();
		// the laptop edits offline while the phone submits and gets a number
		await laptop.preinscriptions.saveDraft(id, { observations: 'Hors ligne' });
		await phone.preinscriptions.saveDraft(id, {
			choices: ['cocon-de-soie'],
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		});
		await phone.preinscriptions.submit(id);
		expect((await phone.sync()).doc_write_failures).toBe(0);
		const pushed = await laptop.sync(); // its offline branch is refused by the server
		expect(pushed.doc_write_failures).toBe(1);
		const versions = await laptop.preinscriptions.conflicts(id);
		if (versions) {
			const draft = versions.find((v) => v.state === 'draft')!;
			const submitted = versions.find((v) => v.state === 'submitted')!;
			await expect(laptop.preinscriptions.resolveConflict(id, draft._rev!)).rejects.toThrow(
				ALREADY_SUBMITTED
			);
			await laptop.preinscriptions.resolveConflict(id, submitted._rev!);
		}
		expect((await laptop.preinscriptions.get(id))?.state).toBe('submitted');
	});
});
