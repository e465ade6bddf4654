// A household declaration through the real /sync endpoint with the real PouchDB client: the
// server applies the same member schema as the device (sync/server/ownership.ts → documentProblem)
// and refuses an invalid member with its French reason (S-VAL-2); a valid one is numbered (S-PROJ-2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, listen, type RunningServer } from '../../../../sync/server/test-harness';
import { Pouch, remoteDb } from '../../../../sync/test/pouch';
import { createEntourageService } from './entourage.service';
import { createServiceDocsService } from './service-docs.service';
import { memoryDb } from './test-db';

const h = createHarness();
let server: RunningServer;
beforeAll(async () => {
	server = await listen(h.app);
});
afterAll(() => server.close());

type Local = Parameters<typeof Pouch.replicate>[0];

async function push(local: Local, remote: ReturnType<typeof remoteDb>) {
	const denied = new Map<string, string>();
	const replication = Pouch.replicate(local, remote);
	replication.on('denied', (info) => {
		const d = info as unknown as { id: string; reason?: string; message?: string };
		denied.set(d.id, d.reason ?? d.message ?? '');
	});
	await replication;
	return denied;
}

describe('household declaration with the real sync endpoint', () => {
	it('S-VAL-2 a submitted declaration with an invalid member is refused with the member and the reason', async () => {
		const { token, dbName } = h.signIn('parent');
		const { db } = memoryDb();
		const id = `entourage:${crypto.randomUUID()}`;
		// Written below the service (which would refuse it): what a modified client could send.
		await db.put({
			_id: id,
			type: 'entourage',
			state: 'submitted',
			members: [
				{
					id: crypto.randomUUID(),
					role: 'child',
					lastName: 'Martin',
					firstNames: 'Léa',
					birthDate: '2024-03-02'
				},
				{
					id: crypto.randomUUID(),
					role: 'contact',
					lastName: 'Durand',
					firstNames: 'Mireille',
					relationship: 'Grand-parent'
				}
			]
		});
		const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
		const denied = await push(db as unknown as Local, remote);
		expect(denied.get(id)).toBe('Membre 2 : Le champ « Téléphone » est obligatoire.');
		expect(h.deps.db.prepare('SELECT 1 FROM requests WHERE doc_id = ?').get(id)).toBeUndefined();
	});

	it('S-PROJ-2 a declaration of a child to be born and a contact, submitted through the service, is numbered', async () => {
		const { token, dbName } = h.signIn('parent');
		const { db, source } = memoryDb();
		const entourages = createEntourageService(source);
		const svc = createServiceDocsService(source);
		const id = entourages.newId();
		const expected = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
		await entourages.saveDraft(id, {
			members: [
				{
					id: crypto.randomUUID(),
					role: 'child',
					lastName: 'Martin',
					toBeBorn: true,
					expectedBirthDate: expected
				},
				{
					id: crypto.randomUUID(),
					role: 'contact',
					lastName: 'Durand',
					firstNames: 'Mireille',
					phone: '06 12 34 56 78',
					relationship: 'Grand-parent'
				}
			]
		});
		await entourages.submit(id);
		const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
		expect((await push(db as unknown as Local, remote)).size).toBe(0);
		await Pouch.replicate(remote, db as unknown as Local);
		expect(await svc.status(id)).toMatchObject({
			subjectType: 'entourage',
			requestNumber: expect.any(Number),
			status: 'Déposée'
		});
	});
});
