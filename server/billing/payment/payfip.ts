// The PayFiP web-service client (../shared/reference/payfip.md): SOAP 1.1 over fetch.
// creerPaiementSecurise(arg0{exer, mel, montant, numcli, objet, refdet, saisie, urlnotif,
// urlredirect}) → idOp; recupererDetailPaiementSecurise(arg0{idOp}) → resultrans, dattrans,
// heurtrans, montant, numauto…; faults (FonctionnelleErreur with code P1 unknown / P5 in progress,
// Tech…Erreur) become PaymentProviderError. The local simulator (server/payfip-sim) answers the
// same envelopes.
import type { PayfipConfig } from '../../config';
import {
	PaymentProviderError,
	type CreatePayment,
	type FetchLike,
	type PaymentProvider,
	type PaymentResult
} from './provider';

export const PAYFIP_NAMESPACE =
	'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** An answer slower than this is a fault ('unavailable'): the payer is waiting. */
const TIMEOUT_MS = 15_000;

export function escapeXml(s: string): string {
	return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function unescapeXml(s: string): string {
	return s
		.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

/** A request envelope: `<pai:operation><arg0>…fields…</arg0></pai:operation>`. */
export function soapRequest(operation: string, fields: Record<string, string>): string {
	const args = Object.entries(fields)
		.map(([k, value]) => `<${k}>${escapeXml(value)}</${k}>`)
		.join('');
	return (
		`<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}" xmlns:pai="${PAYFIP_NAMESPACE}">` +
		`<soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${args}</arg0></pai:${operation}>` +
		`</soapenv:Body></soapenv:Envelope>`
	);
}

/** The text of the first element named `name` (any namespace prefix), or null. */
export function xmlField(xml: string, name: string): string | null {
	const m = xml.match(
		new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`)
	);
	if (m) return unescapeXml(m[1].trim());
	return new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?/>`).test(xml) ? '' : null;
}

const FAULT_NAMES = [
	'FonctionnelleErreur',
	'TechDysfonctionnementErreur',
	'TechIndisponibiliteErreur',
	'TechProtocolaireErreur'
];

/** A SOAP fault as PaymentProviderError, or null when the answer is not a fault. */
export function parseFault(xml: string): PaymentProviderError | null {
	if (!/<(?:[\w.-]+:)?Fault[\s>]/.test(xml)) return null;
	const fault = FAULT_NAMES.find((n) => new RegExp(`<(?:[\\w.-]+:)?${n}[\\s>/]`).test(xml));
	const detail = fault
		? (xml.match(new RegExp(`<(?:[\\w.-]+:)?${fault}[\\s\\S]*?</(?:[\\w.-]+:)?${fault}>`))?.[0] ??
			'')
		: '';
	const code =
		xmlField(detail, 'code') ||
		(fault === 'TechIndisponibiliteErreur'
			? 'unavailable'
			: fault === 'FonctionnelleErreur'
				? 'functional'
				: 'technical');
	const text =
		xmlField(detail, 'libelle') || xmlField(detail, 'descriptif') || xmlField(xml, 'faultstring');
	return new PaymentProviderError(code, `PayFiP : ${text || fault || 'erreur'}`, fault);
}

/** dattrans DDMMYYYY + heurtrans HHMM (Europe/Paris) → ISO instant, or undefined. */
export function parisTransactionInstant(dattrans: string, heurtrans: string): string | undefined {
	const d = dattrans.match(/^(\d{2})(\d{2})(\d{4})$/);
	const t = heurtrans.match(/^(\d{2})(\d{2})$/) ?? ['', '00', '00'];
	if (!d) return undefined;
	const asUtc = Date.UTC(Number(d[3]), Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]));
	if (Number.isNaN(asUtc)) return undefined;
	// Paris is UTC+1 or UTC+2: the offset at that wall-clock time.
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Paris',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(asUtc));
	const p = (type: string) => Number(parts.find((x) => x.type === type)?.value);
	const shown = Date.UTC(p('year'), p('month') - 1, p('day'), p('hour'), p('minute'));
	return new Date(asUtc - (shown - asUtc)).toISOString();
}

const PAID: Record<string, 'card' | 'debit'> = { P: 'card', V: 'debit' };
const REFUSED: Record<string, 'card' | 'debit'> = { R: 'card', Z: 'debit' };

/** The body of recupererDetailPaiementSecuriseResponse as a PaymentResult. */
export function parseResult(xml: string): PaymentResult {
	const resultrans = (xmlField(xml, 'resultrans') ?? '').toUpperCase();
	const montant = xmlField(xml, 'montant');
	const amountCents = montant && /^\d+$/.test(montant) ? Number(montant) : undefined;
	const numauto = xmlField(xml, 'numauto') || undefined;
	if (PAID[resultrans])
		return {
			state: 'paid',
			resultrans,
			means: PAID[resultrans],
			amountCents,
			numauto,
			paidAt: parisTransactionInstant(
				xmlField(xml, 'dattrans') ?? '',
				xmlField(xml, 'heurtrans') ?? ''
			)
		};
	if (REFUSED[resultrans])
		return { state: 'refused', resultrans, means: REFUSED[resultrans], amountCents };
	if (resultrans === 'A') return { state: 'cancelled', resultrans, amountCents };
	return { state: 'unknown', resultrans: resultrans || undefined };
}

export interface PayfipClientOptions {
	config: PayfipConfig;
	fetch?: FetchLike;
}

/** The real client; with the simulator's config and fetch it talks to server/payfip-sim. */
export function payfipProvider({ config, fetch: fetchFn = fetch }: PayfipClientOptions) {
	const saisie = config.mode === 'simulateur' ? 'T' : config.mode;

	async function call(operation: string, fields: Record<string, string>): Promise<string> {
		let res: Response;
		let body: string;
		try {
			res = await fetchFn(config.soapUrl, {
				method: 'POST',
				headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
				body: soapRequest(operation, fields),
				signal: AbortSignal.timeout(TIMEOUT_MS)
			});
			body = await res.text();
		} catch {
			throw new PaymentProviderError('unavailable', 'PayFiP ne répond pas.');
		}
		const fault = parseFault(body);
		if (fault) throw fault;
		if (!res.ok)
			throw new PaymentProviderError(
				res.status === 503 || res.status === 502 || res.status === 504
					? 'unavailable'
					: 'technical',
				`PayFiP a répondu ${res.status}.`
			);
		if (!body.includes(`${operation}Response`))
			throw new PaymentProviderError('technical', 'Réponse de PayFiP illisible.');
		return body;
	}

	const provider: PaymentProvider = {
		async create(p: CreatePayment) {
			if (!config.numcli)
				throw new PaymentProviderError('disabled', 'Aucun numéro client PayFiP configuré.');
			const xml = await call('creerPaiementSecurise', {
				exer: String(p.exer),
				mel: p.mel,
				montant: String(p.amountCents),
				numcli: config.numcli,
				objet: p.objet,
				refdet: p.refdet,
				saisie,
				urlnotif: p.urlnotif,
				urlredirect: p.urlredirect
			});
			const idop = xmlField(xml, 'idOp');
			if (!idop) throw new PaymentProviderError('technical', 'PayFiP n’a pas donné d’idOp.');
			return { idop };
		},
		paymentPageUrl(idop: string) {
			return `${config.paymentUrl}?idop=${encodeURIComponent(idop)}`;
		},
		async result(idop: string) {
			try {
				return parseResult(await call('recupererDetailPaiementSecurise', { idOp: idop }));
			} catch (err) {
				// P5: the payer has not finished; P1: unknown or purged operation.
				if (err instanceof PaymentProviderError && err.code === 'P5') return { state: 'pending' };
				if (err instanceof PaymentProviderError && err.code === 'P1') return { state: 'unknown' };
				throw err;
			}
		}
	};
	return provider;
}
