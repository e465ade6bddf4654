// End to end below the UI: a preinscription submitted through the device's service reaches the
// real /sync endpoint with the real PouchDB client and its request number comes back (S-PROJ-2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createHarness,
	declareTestChild,
	listen,
	type RunningServer
} from '../../../../sync/server/test-harness';
import { TEST_CHILD_ID } from '../../../../sync/test/factories';
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
		const { token, dbName, user } = h.signIn('parent');
		declareTestChild(h.deps.db, user.householdId!);
		const { db, source } = memoryDb();
		const preinscriptions = createPreinscriptionService(source);
		const svc = createServiceDocsService(source);
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, {
			childId: TEST_CHILD_ID,
			wishedStartDate: '2027-09-01',
			choices: ['cocon-de-soie', 'grain-d-aile', 'gemminis']
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

	it('S-VAL-3 a submission the server refused shows its reason, can be corrected and is then numbered', async () => {
		const { token, dbName, user } = h.signIn('parent');
		declareTestChild(h.deps.db, user.householdId!);
		h.deps.db.prepare("UPDATE structures SET active = 0 WHERE id = 'fleur-de-pyrus'").run();
		const { db, source } = memoryDb();
		const refused = new Map<string, string>();
		const preinscriptions = createPreinscriptionService(source, {
			refusal: (id) => refused.get(id) ?? null
		});
		const svc = createServiceDocsService(source);
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, {
			childId: TEST_CHILD_ID,
			wishedStartDate: '2027-09-01',
			choices: ['cocon-de-soie', 'fleur-de-pyrus'],
			questionnaire: { residentInArea: false, professionalSituation: ['noneWorks'] }
		});
		await preinscriptions.submit(id);

		const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
		const local = db as unknown as Parameters<typeof Pouch.replicate>[0];
		const push = Pouch.replicate(local, remote);
		push.on('denied', (info) => {
			const denied = info as unknown as { id: string; reason?: string; message?: string };
			refused.set(denied.id, denied.reason ?? denied.message ?? '');
		});
		await push;
		expect(refused.get(id)).toMatch(/structure/i);

		await preinscriptions.saveDraft(id, { choices: ['cocon-de-soie'] });
		await preinscriptions.submit(id);
		refused.delete(id);
		expect((await Pouch.replicate(local, remote)).doc_write_failures).toBe(0);
		await Pouch.replicate(remote, local);
		expect(await svc.status(id)).toMatchObject({ requestNumber: expect.any(Number) });
	});
});
