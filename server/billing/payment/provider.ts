// The online payment provider as the billing code sees it: create a payment, send the payer to its
// page, then ask for the result. PayFiP (payfip.ts) implements it; its local simulator speaks the
// same SOAP exchange, so the whole flow runs through the same client in demo and tests.

export interface CreatePayment {
	/** The debt reference: the invoice number without its dash (F2027000001). */
	refdet: string;
	/** The year of the debt. */
	exer: number;
	/** Letters, digits and spaces only, at most 100 characters. */
	objet: string;
	amountCents: number;
	/** The payer's e-mail address. */
	mel: string;
	/** Server-to-server notification URL. */
	urlnotif: string;
	/** Where the payer's browser comes back. */
	urlredirect: string;
}

export type PaymentState = 'paid' | 'refused' | 'cancelled' | 'pending' | 'unknown';

export interface PaymentResult {
	/** 'pending': still in progress (PayFiP P5); 'unknown': unknown or purged (P1). */
	state: PaymentState;
	/** PayFiP's resultrans: P V (paid), R Z (refused), A (cancelled). */
	resultrans?: string;
	means?: 'card' | 'debit';
	amountCents?: number;
	numauto?: string;
	/** ISO instant of the transaction (dattrans + heurtrans, Europe/Paris). */
	paidAt?: string;
}

export interface PaymentProvider {
	create(payment: CreatePayment): Promise<{ idop: string }>;
	paymentPageUrl(idop: string): string;
	result(idop: string): Promise<PaymentResult>;
}

/**
 * A fault of the provider: `code` is PayFiP's error code when it gave one (P1, P5, …), else one
 * of 'unavailable' (unreachable, TechIndisponibiliteErreur), 'technical' (other Tech… faults,
 * an unreadable answer) or 'functional' (FonctionnelleErreur without a code).
 */
export class PaymentProviderError extends Error {
	constructor(
		public code: string,
		message: string,
		/** The fault's element name (FonctionnelleErreur, TechDysfonctionnementErreur, …). */
		public fault?: string
	) {
		super(message);
	}
	/** The provider cannot be reached or says it is down: try again later. */
	get unavailable() {
		return this.code === 'unavailable' || this.fault === 'TechIndisponibiliteErreur';
	}
}

/** `fetch` as the client uses it: injectable, so tests route it to the app in process. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
