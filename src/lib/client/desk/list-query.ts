// The requests list's filters, search and sort as one value, kept in the page's URL query (the
// back button and a shared link give the same list) and sent as the list API's query string.
// Pure: the page reads `fromSearchParams(page.url.searchParams)` and navigates to `toSearch(q)`.
import { isRequestStatus, type RequestStatus } from '$domain/request-status';
import type { RequestType } from './types';

/** The list's sort keys (LIST helper's API): `submitted` is newest first, `-submitted` oldest. */
export const SORT_COLUMNS = {
	number: { descending: 'number', ascending: '-number' },
	submitted: { descending: 'submitted', ascending: '-submitted' },
	updated: { descending: 'updated', ascending: '-updated' }
} as const;

export type SortColumn = keyof typeof SORT_COLUMNS;
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
	column: SortColumn;
	direction: SortDirection;
}

export const DEFAULT_SORT: Sort = { column: 'submitted', direction: 'descending' };

export interface ListQuery {
	type: RequestType | '';
	statuses: RequestStatus[];
	structure: string;
	/** A commission session, 'YYYY-MM'. */
	commission: string;
	/** Submission days, 'YYYY-MM-DD' (Europe/Paris). */
	from: string;
	to: string;
	/** Family name, child name or number. */
	q: string;
	sort: Sort;
}

export const EMPTY_QUERY: ListQuery = {
	type: '',
	statuses: [],
	structure: '',
	commission: '',
	from: '',
	to: '',
	q: '',
	sort: DEFAULT_SORT
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The sort as the API spells it. */
export function sortParam(sort: Sort): string {
	return SORT_COLUMNS[sort.column][sort.direction];
}

export function parseSort(value: string | null): Sort {
	for (const [column, spelled] of Object.entries(SORT_COLUMNS) as [
		SortColumn,
		(typeof SORT_COLUMNS)[SortColumn]
	][]) {
		if (value === spelled.descending) return { column, direction: 'descending' };
		if (value === spelled.ascending) return { column, direction: 'ascending' };
	}
	return DEFAULT_SORT;
}

/** Clicking a column header: that column, the other way round when it already sorts the list. */
export function toggleSort(current: Sort, column: SortColumn): Sort {
	if (current.column !== column) return { column, direction: 'descending' };
	return { column, direction: current.direction === 'descending' ? 'ascending' : 'descending' };
}

/** Reads a query from a URL's search params; unknown or malformed values are dropped. */
export function fromSearchParams(params: URLSearchParams): ListQuery {
	const type = params.get('type');
	const statuses = params
		.getAll('status')
		.flatMap((s) => s.split(','))
		.filter(isRequestStatus);
	const day = (name: string) => {
		const v = params.get(name) ?? '';
		return DAY.test(v) ? v : '';
	};
	const commission = params.get('commission') ?? '';
	return {
		type: type === 'preinscription' || type === 'entourage' ? type : '',
		statuses: [...new Set(statuses)],
		structure: (params.get('structure') ?? '').trim(),
		commission: MONTH.test(commission) ? commission : '',
		from: day('from'),
		to: day('to'),
		q: (params.get('q') ?? '').trim(),
		sort: parseSort(params.get('sort'))
	};
}

/** The query as search params: only what differs from the empty query, in a stable order. */
export function toSearchParams(query: ListQuery): URLSearchParams {
	const params = new URLSearchParams();
	if (query.type) params.set('type', query.type);
	for (const status of query.statuses) params.append('status', status);
	if (query.structure) params.set('structure', query.structure);
	if (query.commission) params.set('commission', query.commission);
	if (query.from) params.set('from', query.from);
	if (query.to) params.set('to', query.to);
	if (query.q.trim()) params.set('q', query.q.trim());
	const sort = sortParam(query.sort);
	if (sort !== sortParam(DEFAULT_SORT)) params.set('sort', sort);
	return params;
}

/** '?type=…' or '' for the page's URL and the CSV link. */
export function toSearch(query: ListQuery): string {
	const search = toSearchParams(query).toString();
	return search ? `?${search}` : '';
}

/** The list API's query string for one page (the sort always spelled out). */
export function apiSearch(query: ListQuery, cursor: string | null = null, limit?: number): string {
	const params = toSearchParams(query);
	params.set('sort', sortParam(query.sort));
	if (cursor) params.set('cursor', cursor);
	if (limit) params.set('limit', String(limit));
	return `?${params.toString()}`;
}

/** Whether any filter or search narrows the list (the page offers « Effacer les filtres »). */
export function isFiltered(query: ListQuery): boolean {
	return toSearch({ ...query, sort: DEFAULT_SORT }) !== '';
}
