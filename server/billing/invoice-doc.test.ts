// The family's device gets its invoices with the real PouchDB client replicating from the real
// sync endpoint: the svc:invoice document and its PDF bytes; a later rewrite (a credit note) brings
// a new revision without sending the PDF again, which the device still holds (S-OWN-8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDb, Pouch } from '../../sync/test/pouch';
import { listen, type RunningServer } from '../../sync/server/test-harness';
import {
	createHarness,
	signedInParent,
	signedInStaff,
	type CookieJar,
	type Harness
} from '../test/harness';
import { householdOf, insertContract } from './fixtures';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

async function issueMonth(jar: CookieJar, month: string) {
	const { id } = await (await h.call('POST', '/api/agent/billing/runs', { month }, jar)).json();
	for (let i = 0; i < 1000; i++) {
		const run = await (await h.call('GET', `/api/agent/billing/runs/${id}`, undefined, jar)).json();
		if (run.status === 'done') return run;
		await new Promise((r) => setTimeout(r, 5));
	}
	throw new Error('run never finished');
}

describe('svc:invoice on the family’s device', () => {
	it('S-OWN-8 the device replicates its invoice and the PDF bytes; a credit note rewrites it, PDF kept', async () => {
		const parent = await signedInParent(h, { lastName: 'Huby' });
		const householdId = householdOf(h.db, parent.body.email);
		insertContract(h.db, { householdId, childName: 'Léa HUBY' });
		// Another family's invoice never reaches this device.
		const other = await signedInParent(h, { lastName: 'Autre' });
		insertContract(h.db, { householdId: householdOf(h.db, other.body.email) });
		const agent = await signedInStaff(h);
		await issueMonth(agent.jar, '2026-10');

		const me = await (await h.call('GET', '/api/me', undefined, parent.jar)).json();
		const remote = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`, {
			headers: { cookie: parent.jar.header() }
		});
		const device = localDb();
		await Pouch.replicate(remote, device);
		const all = await device.allDocs({ startkey: 'svc:invoice:', endkey: 'svc:invoice:\uffff' });
		expect(all.rows).toHaveLength(1);
		const id = all.rows[0]!.id;
		const invoiceId = id.slice('svc:invoice:'.length);
		const doc = (await device.get(id, { attachments: true, binary: true })) as unknown as {
			_rev: string;
			number: string;
			amountCents: number;
			creditedCents: number;
			_attachments: Record<string, { data: Buffer; content_type: string; digest: string }>;
		};
		expect(doc).toMatchObject({
			number: expect.stringMatching(/^F2026-00000[12]$/),
			amountCents: 22736,
			creditedCents: 0,
			// The family's screen explains the rate: « … × ressources retenues 3 000,00 € ».
			computation: { resourcesUsedCents: expect.any(Number), clamped: null }
		});
		const stored = h.db
			.prepare('SELECT pdf FROM invoice_pdfs WHERE invoice_id = ?')
			.get(invoiceId) as {
			pdf: Buffer;
		};
		expect(doc._attachments['facture.pdf']!.content_type).toBe('application/pdf');
		expect(Buffer.compare(Buffer.from(doc._attachments['facture.pdf']!.data), stored.pdf)).toBe(0);

		const credit = await h.call(
			'POST',
			`/api/agent/billing/invoices/${invoiceId}/credit-notes`,
			{ amount: 20, reason: 'Geste commercial' },
			agent.jar
		);
		expect(credit.status).toBe(201);
		await Pouch.replicate(remote, device);
		const again = (await device.get(id, {
			attachments: true,
			binary: true
		})) as unknown as typeof doc;
		expect(again._rev.startsWith('2-')).toBe(true);
		expect(again.creditedCents).toBe(2000);
		expect(Buffer.compare(Buffer.from(again._attachments['facture.pdf']!.data), stored.pdf)).toBe(
			0
		);
		const docs = await device.allDocs({ startkey: 'svc:invoice:', endkey: 'svc:invoice:\uffff' });
		expect(docs.rows).toHaveLength(2); // the invoice and its credit note
	});
});
