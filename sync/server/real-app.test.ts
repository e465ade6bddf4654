// One journey through the real composition root (server/app.ts): session cookie from /api/auth,
// syncUrl from /api/me, PouchDB push of a submitted preinscription, its status pulled back
// (S-ACC-4, S-PROJ-2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareTestChild } from './test-harness';
import {
	createHarness as createAppHarness,
	signedInParent,
	type Harness
} from '../../server/test/harness';
import { listen, type RunningServer } from './test-harness';
import { localDb, Pouch } from '../test/pouch';
import { submittedPreinscription } from '../test/factories';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createAppHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

describe('sync through the real app', () => {
	it('S-ACC-4 S-PROJ-2 a signed-in parent replicates with its cookie and gets its request status back', async () => {
		const { jar } = await signedInParent(h);
		const me = await (await h.call('GET', '/api/me', undefined, jar)).json();
		declareTestChild(h.db, me.household.id);
		const remote = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`, {
			headers: { cookie: jar.header() }
		});
		const device = localDb();
		const doc = submittedPreinscription();
		await device.put(doc);
		await Pouch.replicate(device, remote);
		await Pouch.replicate(remote, device);
		const status = await device.get(`svc:status:${doc._id}`);
		expect(status).toMatchObject({ status: 'Déposée', requestNumber: 1, subjectId: doc._id });
		expect(
			h.outboxMails().some((m) => m.subject === 'Nouvelle demande n° 1 : Préinscription en crèche')
		).toBe(true);
		const anonymous = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`);
		await expect(anonymous.info()).rejects.toMatchObject({ status: 401 });
	});
});
