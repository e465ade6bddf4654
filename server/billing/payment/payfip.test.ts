// The PayFiP SOAP client against canned answers shaped like PayFiP's: the request envelope it
// sends, results (P V R Z A), faults (P1, P5, Tech…Erreur), an unreachable or garbled service.
import { describe, expect, it } from 'vitest';
import { simulatorPayfip, type PayfipConfig } from '../../config';
import { parisTransactionInstant, parseFault, payfipProvider, soapRequest } from './payfip';
import { PaymentProviderError, type FetchLike } from './provider';

const config: PayfipConfig = {
	mode: 'T',
	numcli: '012345',
	soapUrl: 'https://payfip.test/tpa/services/securite',
	paymentUrl: 'https://payfip.test/tpa/paiementws.web'
};

const NS =
	'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

const detail = (resultrans: string) => `<?xml version="1.0"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>
<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="${NS}"><return>
<dattrans>26112026</dattrans><exer>2026</exer><heurtrans>1042</heurtrans><idOp>abc</idOp>
<mel>a@b.fr</mel><montant>22736</montant><numauto>123456</numauto><numcli>012345</numcli>
<objet>Facture F2026000001 creche</objet><refdet>F2026000001</refdet><resultrans>${resultrans}</resultrans>
<saisie>T</saisie></return></ns2:recupererDetailPaiementSecuriseResponse></S:Body></S:Envelope>`;

const fault = (
	name: string,
	code: string
) => `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
<S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>fault</faultstring><detail>
<ns1:${name} xmlns:ns1="http://securite.service.tpa.cp.finances.gouv.fr/reponse"><code>${code}</code>
<descriptif>desc</descriptif><libelle>Transaction en cours</libelle><severite>2</severite></ns1:${name}>
</detail></S:Fault></S:Body></S:Envelope>`;

function answering(status: number, body: string, seen: { url?: string; body?: string } = {}) {
	const fetchFn: FetchLike = async (url, init) => {
		seen.url = url;
		seen.body = String(init.body);
		return new Response(body, { status });
	};
	return payfipProvider({ config, fetch: fetchFn });
}

describe('PayFiP client', () => {
	it('creerPaiementSecurise: every field in arg0, XML-escaped, saisie from the mode; returns the idOp', async () => {
		const seen: { url?: string; body?: string } = {};
		const p = answering(
			200,
			`<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:creerPaiementSecuriseResponse xmlns:ns2="${NS}"><return><idOp>f00d</idOp></return></ns2:creerPaiementSecuriseResponse></S:Body></S:Envelope>`,
			seen
		);
		const { idop } = await p.create({
			refdet: 'F2026000001',
			exer: 2026,
			objet: 'Facture F2026000001 creche',
			amountCents: 22736,
			mel: 'a&b@test.fr',
			urlnotif: 'https://f.example/api/payfip/notification',
			urlredirect: 'https://f.example/api/payfip/retour'
		});
		expect(idop).toBe('f00d');
		expect(seen.url).toBe(config.soapUrl);
		expect(seen.body).toContain(`xmlns:pai="${NS}"`);
		expect(seen.body).toContain(
			'<pai:creerPaiementSecurise><arg0><exer>2026</exer><mel>a&#38;b@test.fr</mel><montant>22736</montant><numcli>012345</numcli><objet>Facture F2026000001 creche</objet><refdet>F2026000001</refdet><saisie>T</saisie>'
		);
		expect(p.paymentPageUrl('f00d')).toBe('https://payfip.test/tpa/paiementws.web?idop=f00d');
	});

	it('recupererDetailPaiementSecurise: P and V paid, R and Z refused, A cancelled', async () => {
		expect(await answering(200, detail('P')).result('abc')).toEqual({
			state: 'paid',
			resultrans: 'P',
			means: 'card',
			amountCents: 22736,
			numauto: '123456',
			paidAt: '2026-11-26T09:42:00.000Z' // 10 h 42 in Paris (UTC+1 in November)
		});
		expect((await answering(200, detail('V')).result('abc')).means).toBe('debit');
		expect((await answering(200, detail('R')).result('abc')).state).toBe('refused');
		expect(await answering(200, detail('Z')).result('abc')).toMatchObject({
			state: 'refused',
			means: 'debit'
		});
		expect((await answering(200, detail('A')).result('abc')).state).toBe('cancelled');
		expect(soapRequest('recupererDetailPaiementSecurise', { idOp: 'abc' })).toContain(
			'<arg0><idOp>abc</idOp></arg0>'
		);
	});

	it('fault P5 → pending (ask later), P1 → unknown; other faults are PaymentProviderError', async () => {
		expect(await answering(500, fault('FonctionnelleErreur', 'P5')).result('x')).toEqual({
			state: 'pending'
		});
		expect(await answering(500, fault('FonctionnelleErreur', 'P1')).result('x')).toEqual({
			state: 'unknown'
		});
		const down = await answering(500, fault('TechIndisponibiliteErreur', 'T9'))
			.result('x')
			.catch((e) => e);
		expect(down).toBeInstanceOf(PaymentProviderError);
		expect(down.unavailable).toBe(true);
		const broken = await answering(500, fault('TechDysfonctionnementErreur', 'D1'))
			.result('x')
			.catch((e) => e);
		expect(broken).toMatchObject({ code: 'D1', fault: 'TechDysfonctionnementErreur' });
		expect(broken.unavailable).toBe(false);
	});

	it('unreachable, HTTP errors without a fault, or an unreadable answer', async () => {
		const unreachable = payfipProvider({
			config,
			fetch: () => Promise.reject(new TypeError('fetch failed'))
		});
		expect(await unreachable.result('x').catch((e) => e.code)).toBe('unavailable');
		expect(
			await answering(503, 'Service Unavailable')
				.result('x')
				.catch((e) => e.code)
		).toBe('unavailable');
		expect(
			await answering(200, '<html>proxy</html>')
				.result('x')
				.catch((e) => e.code)
		).toBe('technical');
		const noNumcli = payfipProvider({ config: { ...config, numcli: null } });
		expect(
			await noNumcli
				.create({
					refdet: 'F1',
					exer: 2026,
					objet: 'x',
					amountCents: 1,
					mel: 'a@b.fr',
					urlnotif: 'x',
					urlredirect: 'y'
				})
				.catch((e) => e.code)
		).toBe('disabled');
	});

	it('reads PayFiP’s fault detail and the transaction time in Paris (summer time too)', () => {
		expect(parseFault(detail('P'))).toBeNull();
		expect(parseFault(fault('FonctionnelleErreur', 'P5'))?.message).toBe(
			'PayFiP : Transaction en cours'
		);
		expect(parisTransactionInstant('01072026', '1400')).toBe('2026-07-01T12:00:00.000Z');
		expect(parisTransactionInstant('garbage', '')).toBeUndefined();
		expect(simulatorPayfip('http://x').mode).toBe('simulateur');
	});
});
