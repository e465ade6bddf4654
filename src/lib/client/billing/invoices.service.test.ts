// The family's invoices on the device: only valid svc:invoice documents, the status the family
// reads on a given day (À payer, En retard, Payée), the PDF from the local attachment (offline),
// and the paperless choice written on the device, the latest validation winning.
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentError } from '../documents/store';
import { memoryDb } from '../documents/test-db';
import { createBillingService, latestPaperless } from './invoices.service';

const CHILD = '7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a0f';
function invoiceDoc(id: string, extra: Record<string, unknown> = {}) {
	return {
		_id: `svc:invoice:${id}`,
		type: 'invoice',
		invoiceId: id,
		number: 'F2027-000001',
		kind: 'invoice',
		month: '2027-01',
		childId: CHILD,
		childName: 'Léa Martin',
		structureName: 'Crèche des Lilas',
		issueDate: '2027-02-01',
		dueDate: '2027-02-15',
		amountCents: 24_300,
		creditedCents: 0,
		paidCents: 0,
		lines: [
			{
				kind: 'contract',
				label: 'Contrat mensualisé',
				quantity: '156,67 h',
				amountCents: 24_300
			}
		],
		hourlyRateCents: 155,
		effortRatePpm: 516,
		...extra
	};
}

let stops: (() => void)[] = [];
afterEach(() => {
	stops.forEach((s) => s());
	stops = [];
});
const tick = () => new Promise((r) => setTimeout(r, 20));
async function until(check: () => boolean) {
	for (let i = 0; i < 100 && !check(); i++) await tick();
	expect(check()).toBe(true);
}

describe('invoices on the device', () => {
	it('lists valid invoices, latest month first, each with the status of the day', async () => {
		const { db, source } = memoryDb();
		let today = '2027-02-10';
		const svc = createBillingService(source, { today: () => today });
		await db.put(invoiceDoc('a'));
		await db.put(
			invoiceDoc('b', { number: 'F2027-000020', month: '2027-02', dueDate: '2027-03-15' })
		);
		await db.put(invoiceDoc('c', { number: 'F2026-000900', month: '2026-12', paidCents: 24_300 }));
		await db.put({ ...invoiceDoc('d'), amountCents: 'beaucoup' });
		expect((await svc.invoices()).map((i) => [i.number, i.status, i.dueCents])).toEqual([
			['F2027-000020', 'to_pay', 24_300],
			['F2027-000001', 'to_pay', 24_300],
			['F2026-000900', 'paid', 0]
		]);
		// After the due date, the unpaid January invoice is late.
		today = '2027-02-16';
		expect((await svc.invoice('a'))?.status).toBe('late');
		expect(await svc.invoice('d')).toBeNull();
	});

	it('watchInvoices sees an invoice arriving, then its payment', async () => {
		const { db, source } = memoryDb();
		const svc = createBillingService(source, { today: () => '2027-02-10' });
		let seen: string[] = [];
		stops.push(svc.watchInvoices((docs) => (seen = docs.map((d) => d.status))));
		await tick();
		const { rev } = await db.put(invoiceDoc('a'));
		await until(() => seen[0] === 'to_pay');
		await db.put({ ...invoiceDoc('a', { paidCents: 24_300 }), _rev: rev });
		await until(() => seen[0] === 'paid');
	});

	it('gives the PDF from the local attachment, and null when it is not there', async () => {
		const { db, source } = memoryDb();
		const svc = createBillingService(source);
		const pdf = Buffer.from('%PDF-1.7 facture');
		await db.put({
			...invoiceDoc('a'),
			_attachments: {
				'facture.pdf': { content_type: 'application/pdf', data: pdf.toString('base64') }
			}
		});
		await db.put(invoiceDoc('b'));
		const blob = await svc.pdf('a');
		expect(blob).not.toBeNull();
		expect(Buffer.from(await blob!.arrayBuffer()).toString()).toBe('%PDF-1.7 facture');
		expect((await svc.invoice('a'))?.hasPdf).toBe(true);
		expect(await svc.pdf('b')).toBeNull();
		expect((await svc.invoice('b'))?.hasPdf).toBe(false);
	});
});

describe('paperless choice on the device', () => {
	it('« Valider » writes a submitted document; the latest validation is the choice in force', async () => {
		const { db, source } = memoryDb();
		const svc = createBillingService(source);
		expect(await svc.paperless()).toBeNull();
		let seen: boolean | undefined;
		stops.push(svc.watchPaperless((d) => (seen = d?.children?.[0]?.paperless)));
		const first = await svc.validatePaperless([
			{ childId: CHILD, childName: 'Léa Martin', paperless: true }
		]);
		await until(() => seen === true);
		const stored = await db.get(first);
		expect(stored).toMatchObject({ type: 'paperless', state: 'submitted' });
		await new Promise((r) => setTimeout(r, 5));
		await svc.validatePaperless([{ childId: CHILD, childName: 'Léa Martin', paperless: false }]);
		await until(() => seen === false);
		expect((await svc.paperless())?.children).toEqual([
			{ childId: CHILD, childName: 'Léa Martin', paperless: false }
		]);
	});

	it('refuses a choice missing for a child, in French, and writes nothing', async () => {
		const { db, source } = memoryDb();
		const svc = createBillingService(source);
		const error = await svc
			.validatePaperless([{ childId: 'x', childName: 'Léa', paperless: true }])
			.catch((e) => e);
		expect(error).toBeInstanceOf(DocumentError);
		expect(error.message).toBe('Le champ « Enfant » doit être un identifiant valide.');
		expect((await db.allDocs({ include_docs: true })).rows).toEqual([]);
	});

	it('latestPaperless ignores drafts and picks the latest validatedAt', () => {
		const doc = (id: string, validatedAt: string, state: 'submitted' | 'draft' = 'submitted') => ({
			_id: `paperless:${id}`,
			state,
			validatedAt
		});
		expect(
			latestPaperless([
				doc('1', '2027-01-01T00:00:00.000Z'),
				doc('2', '2027-03-01T00:00:00.000Z', 'draft'),
				doc('3', '2027-02-01T00:00:00.000Z')
			])?._id
		).toBe('paperless:3');
	});
});
