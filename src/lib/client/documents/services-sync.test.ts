// End to end below the UI: a preinscription submitted through the device's service reaches the
// real /sync endpoint with the real PouchDB client and its request number comes back (S-PROJ-2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, listen, type RunningServer } from '../../../../sync/server/test-harness';
import { Pouch, remoteDb } from '../../../../sync/test/pouch';
import { createPreinscriptionService } from './preinscription.service';
import { createServiceDocsService } from './service-docs.service';
import { memoryDb } from './test-db';

const h = createHarness();
let server: RunningServer;
beforeAll(async () => {
	server = await listen(h.app);
});
afterAll(() => server.close());

describe('document services with the real sync endpoint', () => {
	it('S-PROJ-2 a preinscription submitted through the service gets its svc:status with a request number after sync', async () => {
		const { token, dbName } = h.signIn('parent');
		const { db, source } = memoryDb();
		const preinscriptions = createPreinscriptionService(source);
		const svc = createServiceDocsService(source);
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, {
			childId: '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90',
			wishedStartDate: '2027-09-01',
			choices: ['cocon-de-soie', 'grain-d-aile', 'fleur-de-pyrus']
		});
		await preinscriptions.saveDraft(id, {
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		});
		await preinscriptions.submit(id);
		expect(await svc.status(id)).toBeNull(); // "En attente d'envoi" until the server answers

		const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
		const local = db as unknown as Parameters<typeof Pouch.replicate>[0];
		const pushed = await Pouch.replicate(local, remote);
		expect(pushed.doc_write_failures).toBe(0);
		await Pouch.replicate(remote, local);

		const status = await svc.status(id);
		expect(status).toMatchObject({
			subjectId: id,
			subjectType: 'preinscription',
			requestNumber: expect.any(Number),
			status: 'Déposée'
		});
		const row = h.deps.db.prepare('SELECT number FROM requests WHERE doc_id = ?').get(id) as {
			number: number;
		};
		expect(status?.requestNumber).toBe(row.number);
		expect((await preinscriptions.get(id))?.state).toBe('submitted');
	});
});
