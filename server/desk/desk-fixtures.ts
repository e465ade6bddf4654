// Test fixtures for the staff desk: the real app on a real SQLite database, listening on
// 127.0.0.1 so a family's real PouchDB client submits through /sync like the app does.
import type { Database, PouchDoc } from 'pouchdb-core';
import {
	createHarness,
	signedInParent,
	signedInStaff,
	type CookieJar,
	type Harness
} from '../test/harness';
import { declareTestChild, listen, type RunningServer } from '../../sync/server/test-harness';
import { localDb, Pouch } from '../../sync/test/pouch';

export interface Desk {
	h: Harness;
	server: RunningServer;
	staff: { jar: CookieJar; id: string };
	close(): Promise<void>;
}

export async function openDesk(): Promise<Desk> {
	const h = createHarness();
	const server = await listen(h.app);
	const staff = await signedInStaff(h, 'staff', { firstNames: 'Agnès', lastName: 'Instructrice' });
	return { h, server, staff, close: () => server.close() };
}

export interface Family {
	jar: CookieJar;
	email: string;
	householdId: string;
	userId: string;
	device: Database;
	remote: Database;
	/** Puts the documents on the device and replicates both ways. */
	send(...docs: PouchDoc[]): Promise<void>;
	pull(): Promise<void>;
	/** The number of the request a document became. */
	numberOf(docId: string): number;
}

/** A signed-in parent whose household declared the test child (TEST_CHILD_ID). */
export async function openFamily(
	desk: Desk,
	overrides: Record<string, unknown> = {}
): Promise<Family> {
	const { h, server } = desk;
	const { jar, body } = await signedInParent(h, overrides);
	const me = await (await h.call('GET', '/api/me', undefined, jar)).json();
	declareTestChild(h.db, me.household.id);
	const remote = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`, {
		headers: { cookie: jar.header() }
	});
	const device = localDb();
	const pull = async () => {
		await Pouch.replicate(remote, device);
	};
	return {
		jar,
		email: body.email,
		householdId: me.household.id,
		userId: me.user.id,
		device,
		remote,
		async send(...docs) {
			for (const doc of docs) await device.put(doc);
			await Pouch.replicate(device, remote);
			await pull();
		},
		pull,
		numberOf(docId) {
			const row = h.db.prepare('SELECT number FROM requests WHERE doc_id = ?').get(docId) as
				{ number: number } | undefined;
			if (!row) throw new Error(`no request for ${docId}`);
			return row.number;
		}
	};
}
