// The simulator's SOAP answers, shaped like PayFiP's (same namespaces and element names), so the
// real client (server/billing/payment/payfip.ts) reads them unchanged.
import { escapeXml, PAYFIP_NAMESPACE, SOAP_ENVELOPE_NS } from '../billing/payment/payfip';

export const PAYFIP_RESPONSE_NS = 'http://securite.service.tpa.cp.finances.gouv.fr/reponse';

const envelope = (body: string) =>
	`<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP_ENVELOPE_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

export function createdResponse(idop: string): string {
	return envelope(
		`<ns2:creerPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NAMESPACE}"><return>` +
			`<idOp>${escapeXml(idop)}</idOp></return></ns2:creerPaiementSecuriseResponse>`
	);
}

export function detailResponse(fields: Record<string, string>): string {
	const inner = Object.entries(fields)
		.map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
		.join('');
	return envelope(
		`<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="${PAYFIP_NAMESPACE}"><return>${inner}</return>` +
			`</ns2:recupererDetailPaiementSecuriseResponse>`
	);
}

export type FaultName =
	| 'FonctionnelleErreur'
	| 'TechDysfonctionnementErreur'
	| 'TechIndisponibiliteErreur'
	| 'TechProtocolaireErreur';

/** A SOAP fault with PayFiP's detail element (code, descriptif, libelle, severite). */
export function faultResponse(fault: FaultName, code: string, libelle: string): string {
	return envelope(
		`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${fault}</faultstring><detail>` +
			`<ns1:${fault} xmlns:ns1="${PAYFIP_RESPONSE_NS}"><code>${escapeXml(code)}</code>` +
			`<descriptif>${escapeXml(libelle)}</descriptif><libelle>${escapeXml(libelle)}</libelle>` +
			`<severite>2</severite></ns1:${fault}></detail></soap:Fault>`
	);
}
