// What the staff's billing API answers (contracts11.md, H-run): the month's preview, the issue
// runs, the invoices and their detail. Money in cents, dates 'YYYY-MM-DD', months 'YYYY-MM'.
import type {
	InvoiceComputation,
	InvoiceKind,
	InvoiceLine,
	InvoiceStatus
} from '$lib/domain/invoice';

export interface StructureTotal {
	structureId: string;
	structureName: string;
	count: number;
	amountCents: number;
}

export type AnomalyKind = 'missing_resources' | 'contract_ending' | 'terms_missing' | 'no_scale';

export interface PreviewAnomaly {
	contractId: string;
	childName: string;
	familyName: string;
	structureName: string;
	kind: AnomalyKind;
	/** French, as the server words it. */
	message: string;
}

export interface MonthPreview {
	month: string;
	totals: StructureTotal[];
	totalCents: number;
	/** Invoices the run would issue. */
	count: number;
	/** Invoices of the month already issued. */
	alreadyIssued: number;
	anomalies: PreviewAnomaly[];
}

export interface InvoiceRun {
	id: string;
	month: string;
	status: 'running' | 'done';
	planned: number;
	issued: number;
	totalCents: number;
	/** Invoices in the print batch (children not opted into paperless). */
	printCount: number;
	startedAt: string;
	finishedAt: string | null;
}

export interface InvoiceSummary {
	id: string;
	number: string;
	kind: InvoiceKind;
	month: string;
	childName: string;
	familyName: string;
	structureName: string;
	amountCents: number;
	dueCents: number;
	status: InvoiceStatus;
	issueDate: string;
	dueDate: string;
}

export interface InvoicePage {
	items: InvoiceSummary[];
	total: number;
}

export type PaymentStatus = 'pending' | 'paid' | 'refused' | 'cancelled' | 'expired' | 'failed';

/** One online payment attempt (PayFiP) on the invoice. */
export interface InvoicePayment {
	id: string;
	status: PaymentStatus;
	/** ISO instant, when paid. */
	paidAt: string | null;
	/** ISO instant the attempt began. */
	createdAt: string;
	means: 'card' | 'debit' | string | null;
	amountCents: number;
	/** The bank's authorisation number, when paid. */
	numauto?: string | null;
}

export interface CreditNoteSummary {
	id: string;
	number: string;
	amountCents: number;
	issueDate: string;
	reason: string | null;
}

export interface InvoiceDetail extends InvoiceSummary {
	familyAddress: string[];
	payerEmail: string | null;
	contractId: string | null;
	creditedCents: number;
	paidCents: number;
	paperless: boolean;
	delivered: boolean;
	/** A credit note's reason. */
	reason: string | null;
	/** For a credit note: the invoice it credits. */
	credits: { id: string; number: string } | null;
	lines: InvoiceLine[];
	computation: InvoiceComputation | null;
	payments: InvoicePayment[];
	creditNotes: CreditNoteSummary[];
}

export interface InvoiceFilters {
	month: string;
	structure: string;
	status: InvoiceStatus | '';
	q: string;
	page: number;
}
