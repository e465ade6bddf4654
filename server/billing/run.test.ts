// The monthly run through the real app on real SQLite: preview (totals, anomalies), issue
// (gapless numbers, PDFs that read back, svc:invoice delivered, print batch of paper invoices),
// one run at a time, a crash between chunks resumed without a gap or a double, a month never
// issued twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../pdf/pdf-text';
import { readStoredDoc } from '../../sync/server/household-read';
import { createHarness, signedInStaff, type CookieJar, type Harness } from '../test/harness';
import type { AppDeps } from '../http/env';
import { insertContract, insertHousehold, STANDARD_TERMS } from './fixtures';
import { resumeRuns, runHooks } from './run';

let h: Harness;
let agent: { jar: CookieJar; id: string };
let deps: AppDeps;
beforeEach(async () => {
	h = createHarness(); // clock: 26 November 2026
	agent = await signedInStaff(h);
	deps = { db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} };
});
afterEach(() => {
	runHooks.chunk = 100;
	runHooks.afterChunk = null;
});

/** Intl's no-break spaces (« 8 500,00 € ») as plain ones, to compare. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const get = (path: string) => h.call('GET', path, undefined, agent.jar);

async function waitDone(id: string) {
	for (let i = 0; i < 1000; i++) {
		const run = (await json(await get(`/api/agent/billing/runs/${id}`))).body;
		if (run.status === 'done') return run;
		await new Promise((r) => setTimeout(r, 5));
	}
	throw new Error('run never finished');
}

function families(n: number) {
	return Array.from({ length: n }, (_, i) => {
		const householdId = insertHousehold(h.db, `Famille${i}`, i);
		const contractId = insertContract(h.db, { householdId, childName: `Enfant ${i}` });
		return { householdId, contractId };
	});
}

const numbers = () =>
	(
		h.db.prepare("SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY seq").all() as {
			number: string;
		}[]
	).map((r) => r.number);

describe('preview', () => {
	it('totals per structure and the anomalies: missing resources at the plafond, ending, no terms', async () => {
		const a = insertHousehold(h.db, 'Huby');
		insertContract(h.db, { householdId: a, childName: 'Léa HUBY' });
		insertContract(h.db, {
			householdId: a,
			childName: 'Jules HUBY',
			terms: { ...STANDARD_TERMS, monthlyResourcesCents: null, dependentChildren: 1 }
		});
		insertContract(h.db, { householdId: a, childName: 'Zoé HUBY', terms: null });
		insertContract(h.db, {
			householdId: a,
			childName: 'Tom HUBY',
			startDate: '2026-01-05',
			endDate: '2026-10-31'
		});
		const { status, body } = await json(await get('/api/agent/billing/preview?month=2026-10'));
		expect(status).toBe(200);
		// 227,36 € + 772,78 € (plafond 8 500 €, 1 child) + 227,36 € (ends on the month's last day)
		expect(body).toMatchObject({ month: '2026-10', count: 3, totalCents: 22736 + 77278 + 22736 });
		expect(body.totals).toHaveLength(1);
		expect(body.alreadyIssued).toBe(0);
		const kinds = body.anomalies.map(
			(x: { childName: string; kind: string }) => `${x.childName} ${x.kind}`
		);
		expect(kinds.sort()).toEqual([
			'Jules HUBY missing_resources',
			'Tom HUBY contract_ending',
			'Zoé HUBY terms_missing'
		]);
		expect(
			plain(body.anomalies.find((x: { kind: string }) => x.kind === 'missing_resources').message)
		).toBe('Ressources non communiquées : facturé au plafond (8 500,00 €).');
	});

	it('refuses a month to come and a malformed one (400, French)', async () => {
		const future = await json(await get('/api/agent/billing/preview?month=2026-12'));
		expect(future.status).toBe(400);
		expect(future.body.error.message).toBe('Un mois à venir ne peut pas encore être facturé.');
		expect((await get('/api/agent/billing/preview?month=2026-13')).status).toBe(400);
		const run = await h.call('POST', '/api/agent/billing/runs', { month: '2027-01' }, agent.jar);
		expect(run.status).toBe(400);
		expect(h.db.prepare('SELECT count(*) AS n FROM invoice_runs').get()).toEqual({ n: 0 });
	});
});

describe('issue run', () => {
	it('issues every billable contract once, numbered without gaps, PDF, svc:invoice, print batch', async () => {
		const fams = families(5);
		h.db
			.prepare(
				`INSERT INTO paperless_choices (household_id, child_id, paperless, doc_id, validated_at, updated_at)
			 SELECT household_id, child_id, 1, 'paperless:x', '2026-11-01T10:00:00Z', 0 FROM contracts
			 WHERE id = ?`
			)
			.run(fams[0]!.contractId);
		runHooks.chunk = 2;
		const start = await json(
			await h.call('POST', '/api/agent/billing/runs', { month: '2026-10' }, agent.jar)
		);
		expect(start.status).toBe(202);
		const run = await waitDone(start.body.id);
		expect(run).toMatchObject({
			month: '2026-10',
			planned: 5,
			issued: 5,
			totalCents: 5 * 22736,
			printCount: 4
		});
		expect(numbers()).toEqual([1, 2, 3, 4, 5].map((n) => `F2026-00000${n}`));

		const inv = h.db
			.prepare("SELECT * FROM invoices WHERE number = 'F2026-000001'")
			.get() as Record<string, string | number>;
		expect(inv).toMatchObject({
			issue_date: '2026-11-26',
			due_date: '2026-12-26',
			amount_cents: 22736,
			family_name: expect.stringMatching(/^Madame Fernande FAMILLE\d$/)
		});
		const pdf = await get(`/api/agent/billing/invoices/${inv.id}/pdf`);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const text = plain(pdfText(new Uint8Array(await pdf.arrayBuffer())));
		expect(text).toContain('Facture n° F2026-000001');
		expect(text).toContain('Contrat mensualisé : 146,88 h × 1,55 € : 227,36 €');
		expect(text).toContain('Montant à payer : 227,36 €');
		expect(text).toContain('Taux d’effort horaire : 0,0516 %');
		expect(text).toContain('Référence à rappeler : F2026-000001');
		expect(text).toContain('Date d’échéance : 26 décembre 2026');

		// The family's copy, with its PDF.
		const doc = readStoredDoc(h.db, String(inv.household_id), `svc:invoice:${inv.id}`);
		expect(doc?.body).toMatchObject({ number: 'F2026-000001', amountCents: 22736, paidCents: 0 });
		expect(doc?.attachments['facture.pdf']?.content_type).toBe('application/pdf');
		expect(inv.delivered_at).not.toBeNull();

		// The print batch: the four paper invoices, not the paperless one.
		const batch = await get(`/api/agent/billing/runs/${run.id}/print.pdf`);
		expect(batch.status).toBe(200);
		const printed = pdfText(new Uint8Array(await batch.arrayBuffer()));
		const paperless = h.db
			.prepare('SELECT number FROM invoices WHERE contract_id = ?')
			.get(fams[0]!.contractId) as { number: string };
		expect(printed).not.toContain(`Facture n° ${paperless.number}`);
		expect(printed.match(/Facture n° F2026-/g)).toHaveLength(4);

		// The month again: nothing left to issue.
		const again = await json(
			await h.call('POST', '/api/agent/billing/runs', { month: '2026-10' }, agent.jar)
		);
		expect(await waitDone(again.body.id)).toMatchObject({ planned: 0, issued: 0 });
		expect(numbers()).toHaveLength(5);
		const preview = (await json(await get('/api/agent/billing/preview?month=2026-10'))).body;
		expect(preview).toMatchObject({ count: 0, alreadyIssued: 5 });
		const runs = (await json(await get('/api/agent/billing/runs'))).body.items;
		expect(runs).toHaveLength(2);
		expect(
			h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'billing.run'").get()
		).toEqual({ n: 2 });
	});

	it('one run at a time: a second one while the first is issuing is refused (409)', async () => {
		families(3);
		runHooks.chunk = 1;
		const first = await json(
			await h.call('POST', '/api/agent/billing/runs', { month: '2026-10' }, agent.jar)
		);
		const second = await json(
			await h.call('POST', '/api/agent/billing/runs', { month: '2026-09' }, agent.jar)
		);
		expect(second.status).toBe(409);
		expect(second.body.error.message).toContain('Une émission de factures est déjà en cours');
		const print = await get(`/api/agent/billing/runs/${first.body.id}/print.pdf`);
		expect(print.status).toBe(409);
		await waitDone(first.body.id);
	});

	it('a crash between chunks: resumed by the job, numbers 1..N without gap, nothing twice', async () => {
		families(5);
		runHooks.chunk = 2;
		let crashed!: () => void;
		const crash = new Promise<void>((r) => (crashed = r));
		runHooks.afterChunk = (n) => {
			if (n === 1) {
				crashed();
				throw new Error('simulated crash');
			}
		};
		const error = console.error;
		console.error = () => {};
		try {
			const start = await json(
				await h.call('POST', '/api/agent/billing/runs', { month: '2026-10' }, agent.jar)
			);
			await crash;
			await new Promise((r) => setImmediate(r));
			const halfway = (await json(await get(`/api/agent/billing/runs/${start.body.id}`))).body;
			expect(halfway).toMatchObject({ status: 'running', planned: 5, issued: 2 });
			expect(numbers()).toEqual(['F2026-000001', 'F2026-000002']);

			runHooks.afterChunk = null;
			expect(await resumeRuns(deps)).toBe(1);
			expect(await waitDone(start.body.id)).toMatchObject({ planned: 5, issued: 5 });
			expect(numbers()).toEqual([1, 2, 3, 4, 5].map((n) => `F2026-00000${n}`));
			expect(h.db.prepare('SELECT count(DISTINCT contract_id) AS n FROM invoices').get()).toEqual({
				n: 5
			});
			expect(await resumeRuns(deps)).toBe(0);
			expect(numbers()).toHaveLength(5);

			// An invoice whose family document was not written (the process died right after
			// its chunk's transaction): the job delivers it.
			h.db.prepare("UPDATE invoices SET delivered_at = NULL WHERE number = 'F2026-000005'").run();
			await resumeRuns(deps);
			expect(
				h.db.prepare('SELECT count(*) AS n FROM invoices WHERE delivered_at IS NULL').get()
			).toEqual({ n: 0 });
		} finally {
			console.error = error;
		}
	});
});
