// Issued invoices at the desk: the list and its filters, the detail, and credit notes (the only
// correction: at most what is still due, a reason, numbered A… without gaps, PDF, the invoice's
// due amount drops, both family documents rewritten with the PDF kept).
import { beforeEach, describe, expect, it } from 'vitest';
import { readStoredDoc } from '../../sync/server/household-read';
import { pdfText } from '../pdf/pdf-text';
import { createHarness, signedInStaff, type CookieJar, type Harness } from '../test/harness';
import { insertContract, insertHousehold } from './fixtures';

let h: Harness;
let agent: { jar: CookieJar; id: string };
let invoiceId: string;
let householdId: string;

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const get = (path: string) => h.call('GET', path, undefined, agent.jar);
const post = (path: string, body: unknown) => h.call('POST', path, body, agent.jar);

beforeEach(async () => {
	h = createHarness(); // 26 November 2026
	agent = await signedInStaff(h);
	householdId = insertHousehold(h.db, 'Huby');
	insertContract(h.db, { householdId, childName: 'Léa HUBY' });
	insertContract(h.db, { householdId: insertHousehold(h.db, 'Martin'), childName: 'Paul MARTIN' });
	const { body } = await json(await post('/api/agent/billing/runs', { month: '2026-10' }));
	for (let i = 0; i < 1000; i++) {
		const run = (await json(await get(`/api/agent/billing/runs/${body.id}`))).body;
		if (run.status === 'done') break;
		await new Promise((r) => setTimeout(r, 5));
	}
	invoiceId = (
		h.db.prepare("SELECT id FROM invoices WHERE child_name = 'Léa HUBY'").get() as { id: string }
	).id;
});

describe('invoices list and detail', () => {
	it('lists with filters (month, status, text) and shows one with its lines and computation', async () => {
		const all = (await json(await get('/api/agent/billing/invoices?month=2026-10'))).body;
		expect(all.total).toBe(2);
		expect(all.items[0]).toMatchObject({ status: 'to_pay', amountCents: 22736, dueCents: 22736 });
		const huby = (await json(await get('/api/agent/billing/invoices?q=huby'))).body;
		expect(huby.items.map((i: { childName: string }) => i.childName)).toEqual(['Léa HUBY']);
		expect((await json(await get('/api/agent/billing/invoices?status=paid'))).body.total).toBe(0);
		expect((await get('/api/agent/billing/invoices?status=nimporte')).status).toBe(400);

		const one = (await json(await get(`/api/agent/billing/invoices/${invoiceId}`))).body;
		expect(one).toMatchObject({
			childName: 'Léa HUBY',
			familyName: 'Madame Fernande HUBY',
			status: 'to_pay',
			computation: { hourlyRateCents: 155, effortRatePpm: 516 },
			payments: [],
			creditNotes: []
		});
		expect(one.lines).toHaveLength(1);
		const unknown = await json(await get('/api/agent/billing/invoices/inconnue'));
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.message).toBe('Cette facture n’existe pas.');
	});
});

describe('credit notes', () => {
	it('issues A2026-000001: PDF, audit, the invoice’s due amount drops, both documents rewritten', async () => {
		const before = readStoredDoc(h.db, householdId, `svc:invoice:${invoiceId}`)!;
		const res = await json(
			await post(`/api/agent/billing/invoices/${invoiceId}/credit-notes`, {
				amount: 50,
				reason: 'Fermeture exceptionnelle non déduite'
			})
		);
		expect(res.status).toBe(201);
		expect(res.body.number).toBe('A2026-000001');

		const one = (await json(await get(`/api/agent/billing/invoices/${invoiceId}`))).body;
		expect(one).toMatchObject({ creditedCents: 5000, dueCents: 17736, status: 'to_pay' });
		expect(one.creditNotes).toEqual([
			expect.objectContaining({ number: 'A2026-000001', amountCents: 5000 })
		]);

		const pdf = await get(`/api/agent/billing/invoices/${res.body.id}/pdf`);
		const text = plain(pdfText(new Uint8Array(await pdf.arrayBuffer())));
		expect(text).toContain('Avoir n° A2026-000001 sur la facture F2026-000001');
		expect(text).toContain('Montant de l’avoir : 50,00 €');
		expect(text).toContain('Motif : Fermeture exceptionnelle non déduite');

		// The family's documents: the invoice's new revision keeps the same PDF (a stub).
		const after = readStoredDoc(h.db, householdId, `svc:invoice:${invoiceId}`)!;
		expect(after.body).toMatchObject({ creditedCents: 5000, amountCents: 22736 });
		expect(after.attachments['facture.pdf']!.digest).toBe(
			before.attachments['facture.pdf']!.digest
		);
		const note = readStoredDoc(h.db, householdId, `svc:invoice:${res.body.id}`)!;
		expect(note.body).toMatchObject({
			kind: 'credit_note',
			number: 'A2026-000001',
			creditsNumber: 'F2026-000001',
			amountCents: 5000
		});
		expect(note.attachments['facture.pdf']).toBeDefined();
		expect(
			h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'billing.credit-note'").get()
		).toEqual({ n: 1 });

		// The rest, then nothing: the invoice is cancelled by credit notes.
		const second = await json(
			await post(`/api/agent/billing/invoices/${invoiceId}/credit-notes`, {
				amount: 177.36,
				reason: 'Annulation'
			})
		);
		expect(second.body.number).toBe('A2026-000002');
		const cancelled = (await json(await get(`/api/agent/billing/invoices/${invoiceId}`))).body;
		expect(cancelled).toMatchObject({ dueCents: 0, status: 'cancelled' });
		const listed = (await json(await get('/api/agent/billing/invoices?status=cancelled'))).body;
		expect(listed.items.map((i: { number: string }) => i.number)).toEqual(['F2026-000001']);
		const notes = (await json(await get('/api/agent/billing/invoices?status=credit'))).body;
		expect(notes.total).toBe(2);
	});

	it('refuses more than what is still due (409), no reason (400), a credit note on a credit note (409): nothing written', async () => {
		const count = () =>
			h.db.prepare("SELECT count(*) AS n FROM invoices WHERE kind = 'credit_note'").get();
		const tooMuch = await json(
			await post(`/api/agent/billing/invoices/${invoiceId}/credit-notes`, {
				amount: 227.37,
				reason: 'Trop'
			})
		);
		expect(tooMuch.status).toBe(409);
		expect(plain(tooMuch.body.error.message)).toBe(
			'L’avoir ne peut pas dépasser 227,36 €, ce qui reste dû sur la facture F2026-000001.'
		);
		const noReason = await json(
			await post(`/api/agent/billing/invoices/${invoiceId}/credit-notes`, {
				amount: 10,
				reason: ' '
			})
		);
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.message).toBe('Indiquez le motif de l’avoir.');
		expect(
			(
				await post(`/api/agent/billing/invoices/${invoiceId}/credit-notes`, {
					amount: 10.005,
					reason: 'x'
				})
			).status
		).toBe(400);
		expect(count()).toEqual({ n: 0 });
		const ok = await json(
			await post(`/api/agent/billing/invoices/${invoiceId}/credit-notes`, {
				amount: 10,
				reason: 'x'
			})
		);
		const onNote = await json(
			await post(`/api/agent/billing/invoices/${ok.body.id}/credit-notes`, {
				amount: 1,
				reason: 'x'
			})
		);
		expect(onNote.status).toBe(409);
		expect(count()).toEqual({ n: 1 });
		expect(
			(await post('/api/agent/billing/invoices/inconnue/credit-notes', { amount: 1, reason: 'x' }))
				.status
		).toBe(404);
	});
});
