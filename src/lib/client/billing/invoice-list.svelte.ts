// The desk's invoice list: its filters (month, structure, status, family or number), mirrored in
// the page's address so a reload or « Retour » shows the same page, and the page of results.
import { INVOICE_STATUSES, type InvoiceStatus } from '$lib/domain/invoice';
import { billingApi, invoiceSearch } from './api';
import { isMonth } from './format';
import type { InvoiceFilters, InvoiceSummary } from './types';

/** Invoices per page as the server pages them. */
export const INVOICES_PER_PAGE = 50;

export const NO_FILTERS: InvoiceFilters = { month: '', structure: '', status: '', q: '', page: 1 };

/** The filters an address holds; what is not valid is left out. */
export function filtersFrom(params: URLSearchParams): InvoiceFilters {
	const month = params.get('month') ?? '';
	const status = params.get('status') ?? '';
	const page = Number(params.get('page') ?? '1');
	return {
		month: isMonth(month) ? month : '',
		structure: params.get('structure') ?? '',
		status: (INVOICE_STATUSES as readonly string[]).includes(status)
			? (status as InvoiceStatus)
			: '',
		q: (params.get('q') ?? '').slice(0, 100),
		page: Number.isInteger(page) && page > 1 ? page : 1
	};
}

export class InvoiceList {
	filters = $state<InvoiceFilters>({ ...NO_FILTERS });
	items = $state<InvoiceSummary[]>([]);
	total = $state(0);
	loaded = $state(false);
	error = $state<string | null>(null);

	get pages(): number {
		return Math.max(1, Math.ceil(this.total / INVOICES_PER_PAGE));
	}

	/** The address of these filters (`?month=…`), '' for none. */
	get search(): string {
		return invoiceSearch(this.filters);
	}

	async load(filters: InvoiceFilters = this.filters): Promise<void> {
		this.filters = { ...filters };
		const result = await billingApi.invoices(this.filters);
		this.loaded = true;
		if (!result.ok) {
			this.error = result.error.message;
			this.items = [];
			this.total = 0;
			return;
		}
		this.error = null;
		this.items = result.data.items;
		this.total = result.data.total;
	}

	/** Says what the list shows, for the page's live region. */
	get summary(): string {
		if (!this.loaded || this.error) return '';
		if (this.total === 0) return 'Aucune facture ne correspond à ces critères.';
		const n = this.total;
		const page = this.pages > 1 ? ` — page ${this.filters.page} sur ${this.pages}` : '';
		return `${n} facture${n > 1 ? 's' : ''} ou avoir${n > 1 ? 's' : ''}${page}.`;
	}
}
