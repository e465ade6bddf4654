// Typed client of the staff's billing API (/api/agent/billing/*, contracts11.md). Every call
// resolves to an ApiResult (never throws) whose error is a French sentence.
import { apiRequest } from '../api';
import type { InvoiceDetail, InvoiceFilters, InvoicePage, InvoiceRun, MonthPreview } from './types';

const BASE = '/agent/billing';
const id = (value: string) => encodeURIComponent(value);

/** The list's query string: empty filters left out, page 1 implied. */
export function invoiceSearch(f: Partial<InvoiceFilters>): string {
	const params = new URLSearchParams();
	if (f.month) params.set('month', f.month);
	if (f.structure) params.set('structure', f.structure);
	if (f.status) params.set('status', f.status);
	if (f.q?.trim()) params.set('q', f.q.trim());
	if (f.page && f.page > 1) params.set('page', String(f.page));
	const search = params.toString();
	return search ? `?${search}` : '';
}

export const billingApi = {
	preview: (month: string) => apiRequest<MonthPreview>('GET', `${BASE}/preview?month=${id(month)}`),
	startRun: (month: string) => apiRequest<{ id: string }>('POST', `${BASE}/runs`, { month }),
	runs: () => apiRequest<{ items: InvoiceRun[] }>('GET', `${BASE}/runs`),
	run: (runId: string) => apiRequest<InvoiceRun>('GET', `${BASE}/runs/${id(runId)}`),
	invoices: (filters: Partial<InvoiceFilters>) =>
		apiRequest<InvoicePage>('GET', `${BASE}/invoices${invoiceSearch(filters)}`),
	invoice: (invoiceId: string) =>
		apiRequest<InvoiceDetail>('GET', `${BASE}/invoices/${id(invoiceId)}`),
	creditNote: (invoiceId: string, input: { amount: number; reason: string }) =>
		apiRequest<{ id: string; number?: string }>(
			'POST',
			`${BASE}/invoices/${id(invoiceId)}/credit-notes`,
			input
		)
};

/** Links the browser downloads (PDFs), not fetched by the app. */
export const printBatchHref = (runId: string) => `/api${BASE}/runs/${id(runId)}/print.pdf`;
export const invoicePdfHref = (invoiceId: string) => `/api${BASE}/invoices/${id(invoiceId)}/pdf`;
