// The family's network-only billing calls (paying online, the payment's result, the tax
// certificates): every caller reads `connectivity.online` first and shows NEEDS_NETWORK offline.
import { apiRequest } from '../api';

export type PaymentStatus = 'pending' | 'paid' | 'refused' | 'cancelled' | 'expired' | 'failed';

export interface PaymentView {
	id: string;
	invoiceId: string;
	number: string;
	amountCents: number;
	status: PaymentStatus;
}

export interface TaxCertificateItem {
	year: number;
	childId: string;
	childName: string;
	paidCents: number;
	eligible: boolean;
	reason?: string;
}

const id = encodeURIComponent;

export const familyBillingApi = {
	/** Starts a PayFiP payment; `url` is the payment page to go to. */
	startPayment: (invoiceId: string) =>
		apiRequest<{ paymentId: string; url: string }>(
			'POST',
			`/family/invoices/${id(invoiceId)}/payments`,
			{}
		),
	payment: (paymentId: string) =>
		apiRequest<PaymentView>('GET', `/family/payments/${id(paymentId)}`),
	taxCertificates: () =>
		apiRequest<{ items: TaxCertificateItem[] }>('GET', '/family/tax-certificates')
};

/** Where the certificate's PDF is downloaded from (same origin, the session cookie). */
export const taxCertificateUrl = (year: number, childId: string) =>
	`/api/family/tax-certificates/${year}/${id(childId)}`;
