// The local PayFiP simulator through the real client and the real app: it checks what PayFiP
// checks, answers P5 until the payer acts and P1 for what it does not know (or 15 minutes on),
// and serves a French, script-free, labelled payment page under the app's CSP.
import { beforeEach, describe, expect, it } from 'vitest';
import { createHarness, socketFrom, type Harness } from '../test/harness';
import { payfipProvider } from '../billing/payment/payfip';
import type { PaymentProvider } from '../billing/payment/provider';

let h: Harness;
let client: PaymentProvider;
beforeEach(() => {
	h = createHarness();
	client = payfipProvider({
		config: h.config.payfip,
		fetch: async (url, init) => h.app.request(url, init, socketFrom('127.0.0.1'))
	});
});

const order = {
	refdet: 'F2026000001',
	exer: 2026,
	objet: 'Facture F2026000001 creche',
	amountCents: 22736,
	mel: 'parent@test.localhost',
	urlnotif: 'http://localhost:3000/api/payfip/notification',
	urlredirect: 'http://localhost:3000/api/payfip/retour'
};

const get = (url: string) => h.app.request(url, {}, socketFrom('127.0.0.1'));

describe('PayFiP simulator', () => {
	it('creates an operation, P5 while the payer has not acted, P1 when unknown or after 15 minutes', async () => {
		const { idop } = await client.create(order);
		expect(idop).toMatch(/^[0-9a-f]{32}$/);
		expect(await client.result(idop)).toEqual({ state: 'pending' });
		expect(await client.result('inconnu')).toEqual({ state: 'unknown' });
		h.clock.advance(15 * 60_000 + 1);
		expect(await client.result(idop)).toEqual({ state: 'unknown' });
		const page = await get(client.paymentPageUrl(idop));
		expect(page.status).toBe(410);
		expect(await page.text()).toContain('Cette opération de paiement a expiré');
	});

	it('refuses what PayFiP refuses (FonctionnelleErreur): refdet with a dash, objet with punctuation', async () => {
		await expect(client.create({ ...order, refdet: 'F2026-000001' })).rejects.toMatchObject({
			fault: 'FonctionnelleErreur',
			message: expect.stringContaining('refdet')
		});
		await expect(client.create({ ...order, objet: 'Facture (crèche)' })).rejects.toMatchObject({
			message: expect.stringContaining('objet')
		});
		await expect(client.create({ ...order, amountCents: 0 })).rejects.toMatchObject({
			message: expect.stringContaining('montant')
		});
	});

	it('serves a French payment page: amount, labelled fields, the three buttons, the notification choices, no script', async () => {
		const { idop } = await client.create(order);
		const res = await get(client.paymentPageUrl(idop));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
		expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
		const html = (await res.text()).replace(/\u202f|\u00a0/g, ' ');
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain('Payer 227,36 €');
		for (const text of [
			'>Payer</button>',
			'>Refuser</button>',
			'>Annuler</button>',
			'Immédiate',
			'Retardée (10 s)',
			'Envoyée deux fois',
			'Aucune',
			'<label for="card">Numéro de carte</label>'
		])
			expect(html).toContain(text);
		expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
		expect((await get(client.paymentPageUrl('inconnu'))).status).toBe(404);
	});

	it('records the payer’s choice once: a second click is « déjà traité », the result stays', async () => {
		const { idop } = await client.create(order);
		const post = (action: string) =>
			h.app.request(
				'http://localhost:3000/simulateur-payfip/tpa/paiementws.web',
				{
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ idop, action, notify: 'none', means: 'card' }).toString()
				},
				socketFrom('127.0.0.1')
			);
		const first = await post('pay');
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(`${order.urlredirect}?idop=${idop}`);
		const second = await post('cancel');
		expect(second.status).toBe(409);
		expect(await second.text()).toContain('Ce paiement a déjà été traité');
		expect(await client.result(idop)).toMatchObject({
			state: 'paid',
			resultrans: 'P',
			amountCents: 22736,
			paidAt: new Date(h.clock.now()).toISOString()
		});
	});

	it('is not mounted outside the simulator mode', async () => {
		const real = createHarness({
			payfip: { ...h.config.payfip, mode: 'W', numcli: '012345' }
		});
		const res = await real.app.request(
			'http://localhost:3000/simulateur-payfip/tpa/paiementws.web?idop=x',
			{},
			socketFrom('127.0.0.1')
		);
		expect(res.status).toBe(404);
	});
});
