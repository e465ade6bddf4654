// Paying an invoice online, end to end on real SQLite: the family's « Payer », the PayFiP client,
// the local simulator (SOAP, its page, its notifications) and the return, all through the real
// app (app.request: the simulator is reached in process, as in `npm start`). A payment is
// recorded once whatever arrives, and only from PayFiP's answer.
import { beforeEach, describe, expect, it } from 'vitest';
import { readStoredDoc } from '../../../sync/server/household-read';
import type { AppDeps } from '../../http/env';
import {
	createHarness,
	signedInParent,
	signedInStaff,
	socketFrom,
	type CookieJar,
	type Harness
} from '../../test/harness';
import { issueCreditNote } from '../credit-note';
import { householdOf, insertContract } from '../fixtures';
import { startRun } from '../run';
import { deliverDueNotifications } from '../../payfip-sim';
import { PaymentProviderError, type PaymentProvider } from './provider';
import { reconcilePayments } from './reconcile';
import { paymentProvider, setPaymentProvider } from './registry';

let h: Harness;
let deps: AppDeps;
let parent: { jar: CookieJar; body: { email: string } };
let invoiceId: string;
let agentId: string;

async function issueOctober(): Promise<void> {
	const runId = await startRun(deps, '2026-10', null);
	for (let i = 0; i < 2000; i++) {
		const run = h.db.prepare('SELECT status FROM invoice_runs WHERE id = ?').get(runId) as {
			status: string;
		};
		if (run.status === 'done') return;
		await new Promise((r) => setTimeout(r, 5));
	}
	throw new Error('run never finished');
}

beforeEach(async () => {
	h = createHarness(); // clock: 26 November 2026
	deps = { db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} };
	parent = await signedInParent(h, { lastName: 'Huby' });
	agentId = (await signedInStaff(h)).id;
	const householdId = householdOf(h.db, parent.body.email);
	insertContract(h.db, { householdId, childName: 'Léa HUBY' });
	await issueOctober();
	invoiceId = (
		h.db
			.prepare("SELECT id FROM invoices WHERE household_id = ? AND kind = 'invoice'")
			.get(householdId) as { id: string }
	).id;
});

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

const pay = async (id = invoiceId, jar = parent.jar) =>
	json(await h.call('POST', `/api/family/invoices/${id}/payments`, undefined, jar));

/** The payer on the simulator's page: the browser's form post, then its 303 to urlredirect. */
async function payerChooses(
	url: string,
	action: 'pay' | 'refuse' | 'cancel',
	notify: 'immediate' | 'delayed' | 'twice' | 'none' = 'immediate',
	means: 'card' | 'debit' = 'card'
): Promise<string> {
	const idop = new URL(url).searchParams.get('idop')!;
	const page = await h.app.request(url, {}, socketFrom(h.peer));
	expect(page.status).toBe(200);
	const res = await h.app.request(
		new URL('paiementws.web', url).toString(),
		{
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ idop, action, notify, means }).toString()
		},
		socketFrom(h.peer)
	);
	expect(res.status).toBe(303);
	return res.headers.get('location')!;
}

/** The browser follows PayFiP's redirect back to the app: where does the app send it? */
async function browserReturns(location: string): Promise<string> {
	const res = await h.call('GET', location.replace(h.config.publicUrl, ''), undefined, parent.jar);
	expect(res.status).toBe(303);
	return res.headers.get('location')!;
}

const status = async (paymentId: string) =>
	(await json(await h.call('GET', `/api/family/payments/${paymentId}`, undefined, parent.jar)))
		.body;

const payments = () =>
	h.db.prepare('SELECT * FROM payments WHERE invoice_id = ? ORDER BY rowid').all(invoiceId) as {
		id: string;
		status: string;
		amount_cents: number;
		idop: string;
		result_code: string;
	}[];

const receipts = () => h.outboxMails().filter((m) => m.subject.startsWith('Paiement reçu'));

const familyDoc = () =>
	readStoredDoc(h.db, householdOf(h.db, parent.body.email), `svc:invoice:${invoiceId}`)!.body as {
		paidCents: number;
		amountCents: number;
	};

const invoiceAmount = () =>
	h.db.prepare('SELECT amount_cents, number FROM invoices WHERE id = ?').get(invoiceId) as {
		amount_cents: number;
		number: string;
	};

describe('paying an invoice through the PayFiP simulator', () => {
	it('accepted: recorded paid once, receipt mail, the family’s document reads paid', async () => {
		const { amount_cents, number } = invoiceAmount();
		const started = await pay();
		expect(started.status).toBe(201);
		expect(started.body.url).toMatch(
			/^http:\/\/localhost:3000\/simulateur-payfip\/tpa\/paiementws\.web\?idop=[0-9a-f]{32}$/
		);
		// What PayFiP was asked: refdet without the dash, objet letters/digits/spaces, amount due.
		const op = h.db.prepare('SELECT * FROM payfip_sim_operations').get() as Record<string, unknown>;
		expect(op).toMatchObject({
			refdet: number.replace('-', ''),
			objet: `Facture ${number.replace('-', '')} creche`,
			montant: amount_cents,
			mel: parent.body.email,
			exer: '2026',
			saisie: 'T',
			urlnotif: 'http://localhost:3000/api/payfip/notification',
			urlredirect: 'http://localhost:3000/api/payfip/retour'
		});
		const back = await payerChooses(started.body.url, 'pay');
		expect(back).toMatch(/^http:\/\/localhost:3000\/api\/payfip\/retour\?idop=/);
		expect(await browserReturns(back)).toBe(`/espace/factures/paiement/${started.body.paymentId}`);
		expect(await status(started.body.paymentId)).toEqual({
			id: started.body.paymentId,
			invoiceId,
			number,
			amountCents: amount_cents,
			status: 'paid'
		});
		expect(payments()).toHaveLength(1);
		expect(receipts()).toHaveLength(1);
		expect(receipts()[0]).toMatchObject({
			to: parent.body.email,
			subject: `Paiement reçu — facture ${number}`
		});
		expect(familyDoc().paidCents).toBe(amount_cents);
		// Paid: nothing more to pay.
		const again = await pay();
		expect(again.status).toBe(409);
		expect(again.body.error.message).toBe(`La facture ${number} est déjà payée.`);
	});

	it('notification sent twice (at once), then the return: one payment, one mail', async () => {
		const started = await pay();
		const back = await payerChooses(started.body.url, 'pay', 'twice');
		await browserReturns(back);
		await browserReturns(back); // the payer reloads the return page
		expect(payments().map((p) => p.status)).toEqual(['paid']);
		expect(receipts()).toHaveLength(1);
		expect(
			h.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'billing.payment'").get()
		).toEqual({ n: 1 });
		expect(familyDoc().paidCents).toBe(invoiceAmount().amount_cents);
	});

	it('return before the (delayed) notification: recorded at the return, the late notification changes nothing', async () => {
		const started = await pay();
		const back = await payerChooses(started.body.url, 'pay', 'delayed');
		expect(receipts()).toHaveLength(0); // no notification yet
		await browserReturns(back);
		expect(payments()[0].status).toBe('paid');
		h.clock.advance(11_000);
		const sim = {
			db: h.db,
			clock: h.clock,
			fetch: async (u: string, i: RequestInit) => h.app.request(u, i)
		};
		expect(await deliverDueNotifications(sim)).toBe(1);
		expect(await deliverDueNotifications(sim)).toBe(0);
		expect(payments().map((p) => p.status)).toEqual(['paid']);
		expect(receipts()).toHaveLength(1);
	});

	it('no notification and no return (page closed): the reconcile job asks PayFiP and records it', async () => {
		const started = await pay();
		await payerChooses(started.body.url, 'pay', 'none'); // the browser never comes back
		expect(payments()[0].status).toBe('pending');
		expect(await reconcilePayments(deps)).toBe(0); // too early: left to notification/return
		h.clock.advance(3 * 60_000);
		expect(await reconcilePayments(deps)).toBe(1);
		expect(payments()[0].status).toBe('paid');
		expect(receipts()).toHaveLength(1);
	});

	it('never marks paid from the return alone: a forged return while PayFiP says « in progress » (P5)', async () => {
		const started = await pay();
		const idop = payments()[0].idop;
		expect(await browserReturns(`/api/payfip/retour?idop=${idop}`)).toBe(
			`/espace/factures/paiement/${started.body.paymentId}`
		);
		const forged = await h.call('POST', '/api/payfip/notification', `idop=${idop}`, undefined, {
			'content-type': 'application/x-www-form-urlencoded',
			'sec-fetch-site': 'cross-site'
		});
		expect(forged.status).toBe(200);
		expect((await status(started.body.paymentId)).status).toBe('pending');
		// P5 then P: the payer finishes, the next question records it (PayFiP is asked at most
		// every 5 s however often the result page polls).
		await payerChooses(started.body.url, 'pay', 'none');
		expect((await status(started.body.paymentId)).status).toBe('pending');
		h.clock.advance(5_000);
		expect((await status(started.body.paymentId)).status).toBe('paid');
		expect(receipts()).toHaveLength(1);
	});

	it('refused (card) and cancelled: the invoice is still due and can be paid again', async () => {
		const first = await pay();
		await browserReturns(await payerChooses(first.body.url, 'refuse'));
		expect((await status(first.body.paymentId)).status).toBe('refused');
		const second = await pay();
		expect(second.status).toBe(201);
		expect(second.body.paymentId).not.toBe(first.body.paymentId);
		await browserReturns(await payerChooses(second.body.url, 'cancel'));
		expect((await status(second.body.paymentId)).status).toBe('cancelled');
		expect(familyDoc().paidCents).toBe(0);
		expect(receipts()).toHaveLength(0);
		const third = await pay();
		expect(third.status).toBe(201);
		expect(payments().map((p) => [p.status, p.result_code])).toEqual([
			['refused', 'R'],
			['cancelled', 'A'],
			['pending', null]
		]);
	});

	it('direct debit refused (Z) and paid (V) are read as such', async () => {
		const first = await pay();
		await browserReturns(await payerChooses(first.body.url, 'refuse', 'immediate', 'debit'));
		expect(payments()[0]).toMatchObject({ status: 'refused', result_code: 'Z' });
		const second = await pay();
		await browserReturns(await payerChooses(second.body.url, 'pay', 'immediate', 'debit'));
		expect(payments()[1]).toMatchObject({ status: 'paid', result_code: 'V' });
		expect(receipts()[0].text).toContain('par prélèvement unique');
	});

	it('reuses the attempt in progress (one idOp at a time) until its 15 minutes are over', async () => {
		const a = await pay();
		const b = await pay();
		expect(b.body).toEqual(a.body);
		expect(h.db.prepare('SELECT count(*) AS n FROM payfip_sim_operations').get()).toEqual({ n: 1 });
		h.clock.advance(16 * 60_000);
		const c = await pay();
		expect(c.status).toBe(201);
		expect(c.body.paymentId).not.toBe(a.body.paymentId);
		expect(payments().map((p) => p.status)).toEqual(['expired', 'pending']);
	});

	it('two « Payer » at once (double click, two tabs): one PayFiP operation, never two idOp', async () => {
		const [a, b] = await Promise.all([pay(), pay()]);
		expect([a.status, b.status].sort()).toEqual([201, 409]);
		const refused = a.status === 409 ? a : b;
		expect(refused.body.error.message).toBe(
			'Un paiement de cette facture est en cours de préparation. Réessayez dans un instant.'
		);
		expect(h.db.prepare('SELECT count(*) AS n FROM payfip_sim_operations').get()).toEqual({ n: 1 });
		expect(payments().map((p) => p.status)).toEqual(['pending']);
	});

	it('a credit note since the attempt started: the new attempt carries the new amount', async () => {
		const { amount_cents } = invoiceAmount();
		const a = await pay();
		await issueCreditNote(deps, invoiceId, { amountCents: 5000, reason: 'Fermeture' }, agentId);
		const b = await pay();
		expect(b.status).toBe(201);
		expect(b.body.paymentId).not.toBe(a.body.paymentId);
		expect(payments().map((p) => [p.status, p.amount_cents])).toEqual([
			['expired', amount_cents],
			['pending', amount_cents - 5000]
		]);
		const ops = h.db.prepare('SELECT montant FROM payfip_sim_operations ORDER BY rowid').all();
		expect(ops).toEqual([{ montant: amount_cents }, { montant: amount_cents - 5000 }]);
		await browserReturns(await payerChooses(b.body.url, 'pay'));
		expect(familyDoc().paidCents).toBe(amount_cents - 5000);
		expect((await pay()).status).toBe(409);
	});

	it('a late « paid » on a superseded attempt still counts (the money was taken)', async () => {
		const a = await pay();
		await issueCreditNote(deps, invoiceId, { amountCents: 5000, reason: 'Fermeture' }, agentId);
		await pay(); // supersedes a
		await browserReturns(await payerChooses(a.body.url, 'pay')); // the old tab is paid anyway
		expect(payments().map((p) => p.status)).toEqual(['paid', 'pending']);
		expect(receipts()).toHaveLength(1);
	});

	it('a superseded attempt paid in the old tab, notification lost, no return: the job still records it', async () => {
		const a = await pay();
		await issueCreditNote(deps, invoiceId, { amountCents: 5000, reason: 'Fermeture' }, agentId);
		await pay(); // supersedes a
		await payerChooses(a.body.url, 'pay', 'none'); // the old tab is paid, nobody comes back
		h.clock.advance(3 * 60_000);
		await reconcilePayments(deps);
		expect(payments().map((p) => p.status)).toEqual(['paid', 'pending']);
		expect(receipts()).toHaveLength(1);
	});

	it('an invoice fully credited: nothing to pay (409, French)', async () => {
		const { amount_cents, number } = invoiceAmount();
		await issueCreditNote(
			deps,
			invoiceId,
			{ amountCents: amount_cents, reason: 'Erreur' },
			agentId
		);
		const res = await pay();
		expect(res.status).toBe(409);
		expect(res.body.error.message).toBe(
			`La facture ${number} est annulée par avoir : il n’y a rien à payer.`
		);
		const credit = h.db.prepare("SELECT id FROM invoices WHERE kind = 'credit_note'").get() as {
			id: string;
		};
		const onCredit = await pay(credit.id);
		expect(onCredit.status).toBe(409);
		expect(onCredit.body.error.message).toMatch(/est un avoir : il ne se paie pas/);
	});

	it('another household’s invoice or payment: 404, nothing created', async () => {
		const started = await pay();
		const other = await signedInParent(h, { lastName: 'Autre' });
		const res = await pay(invoiceId, other.jar);
		expect(res.status).toBe(404);
		expect(res.body.error.message).toBe('Cette facture n’existe pas.');
		const look = await h.call(
			'GET',
			`/api/family/payments/${started.body.paymentId}`,
			undefined,
			other.jar
		);
		expect(look.status).toBe(404);
		expect((await pay('nope')).status).toBe(404);
		expect(payments()).toHaveLength(1);
		// Staff and anonymous callers are not parents.
		expect((await h.call('POST', `/api/family/invoices/${invoiceId}/payments`)).status).toBe(401);
	});

	it('starting a payment stays CSRF-protected (only PayFiP’s side is exempt)', async () => {
		const res = await h.call(
			'POST',
			`/api/family/invoices/${invoiceId}/payments`,
			undefined,
			parent.jar,
			{
				origin: 'https://evil.example',
				'sec-fetch-site': 'cross-site'
			}
		);
		expect(res.status).toBe(403);
		expect(payments()).toHaveLength(0);
	});

	it('unknown idop at the notification: 404; at the return: back to the invoices', async () => {
		const res = await h.call('POST', '/api/payfip/notification', 'idop=inconnu', undefined, {
			'content-type': 'application/x-www-form-urlencoded'
		});
		expect(res.status).toBe(404);
		expect(await browserReturns('/api/payfip/retour?idop=inconnu')).toBe('/espace/factures');
	});
});

describe('PayFiP faults and payments off', () => {
	const failing = (err: PaymentProviderError): PaymentProvider => ({
		create: () => Promise.reject(err),
		paymentPageUrl: (idop) => `https://pay.example/${idop}`,
		result: () => Promise.reject(err)
	});

	it('PayFiP unavailable → 503, a functional fault → 502, both French; the attempt is failed', async () => {
		setPaymentProvider(
			h.db,
			failing(new PaymentProviderError('unavailable', 'down', 'TechIndisponibiliteErreur'))
		);
		const down = await pay();
		expect(down.status).toBe(503);
		expect(down.body.error.message).toMatch(/PayFiP ne répond pas pour le moment/);
		setPaymentProvider(h.db, failing(new PaymentProviderError('O1', 'bad', 'FonctionnelleErreur')));
		const bad = await pay();
		expect(bad.status).toBe(502);
		expect(bad.body.error.message).toMatch(/n’a pas pu traiter la demande/);
		expect(payments().map((p) => p.status)).toEqual(['failed', 'failed']);
	});

	it('a fault while reading the result leaves the payment pending (never a 500)', async () => {
		const real = paymentProvider(h.db)!;
		const started = await pay();
		setPaymentProvider(h.db, {
			...real,
			result: () => Promise.reject(new PaymentProviderError('technical', 'x'))
		});
		expect((await status(started.body.paymentId)).status).toBe('pending');
		const notif = await h.call(
			'POST',
			'/api/payfip/notification',
			`idop=${payments()[0].idop}`,
			undefined,
			{ 'content-type': 'application/x-www-form-urlencoded' }
		);
		expect(notif.status).toBe(502);
		expect(payments()[0].status).toBe('pending');
	});

	it('payments off (production without PAYFIP_NUMCLI): 503 « pas disponible pour le moment »', async () => {
		setPaymentProvider(h.db, null);
		const res = await pay();
		expect(res.status).toBe(503);
		expect(res.body.error.message).toBe(
			'Le paiement en ligne n’est pas disponible pour le moment.'
		);
	});
});

describe('reconcile job', () => {
	it('P1 or 20 minutes without a result → expired; an attempt without idOp → failed', async () => {
		const started = await pay();
		expect(started.status).toBe(201);
		h.clock.advance(3 * 60_000);
		await reconcilePayments(deps); // P5: still pending
		expect(payments()[0].status).toBe('pending');
		h.clock.advance(18 * 60_000); // 21 minutes: the simulator forgot it (P1)
		await reconcilePayments(deps);
		expect(payments()[0]).toMatchObject({ status: 'expired', result_code: 'P1' });
		h.db
			.prepare(
				`INSERT INTO payments (id, invoice_id, household_id, provider, refdet, amount_cents, mel, status, created_at, updated_at)
				 SELECT 'orphan', id, household_id, 'payfip', 'X', 100, 'a@b.fr', 'pending', ?, ? FROM invoices WHERE id = ?`
			)
			.run(h.clock.now(), h.clock.now(), invoiceId);
		h.clock.advance(3 * 60_000);
		await reconcilePayments(deps);
		expect(h.db.prepare("SELECT status FROM payments WHERE id = 'orphan'").get()).toEqual({
			status: 'failed'
		});
	});
});
