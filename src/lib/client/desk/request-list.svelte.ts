// One page-able list of requests (the inbox, the requests list): the rows loaded so far, the
// cursor of « Charger plus », and a refresh that tells which rows are new (a live event).
import { deskApi, PAGE_SIZE } from './api';
import type { ListQuery } from './list-query';
import type { RequestListItem, RequestPage } from './types';

type Fetch = (
	query: ListQuery,
	cursor: string | null,
	limit: number
) => ReturnType<typeof deskApi.requests>;

const MAX_LIMIT = 200;

export class RequestList {
	items = $state<RequestListItem[]>([]);
	nextCursor = $state<string | null>(null);
	loading = $state(false);
	loaded = $state(false);
	error = $state<string | null>(null);

	#query: ListQuery | null = null;
	#fetch: Fetch;
	#refreshing: Promise<number[]> | null = null;
	#again = false;
	/** Ignores the answer of a load a newer one replaced. */
	#generation = 0;

	constructor(fetchPage: Fetch = deskApi.requests) {
		this.#fetch = fetchPage;
	}

	/** The first page of `query`. */
	async load(query: ListQuery): Promise<void> {
		this.#query = query;
		const page = await this.#get(null, PAGE_SIZE);
		if (page) this.#set(page.items, page.nextCursor);
	}

	/** « Charger plus »: the next page, after the rows shown. */
	async more(): Promise<void> {
		if (!this.nextCursor) return;
		const page = await this.#get(this.nextCursor, PAGE_SIZE);
		if (!page) return;
		const shown = this.items.map((i) => i.number);
		this.#set(
			[...this.items, ...page.items.filter((i) => !shown.includes(i.number))],
			page.nextCursor
		);
	}

	/**
	 * Reloads the rows shown (as many as loaded); resolves to the numbers that were not there.
	 * A burst of events makes at most two reloads: calls during one ask for one more, and the
	 * first caller gets every new number.
	 */
	refresh(): Promise<number[]> {
		if (this.#refreshing) {
			this.#again = true;
			return Promise.resolve([]);
		}
		this.#refreshing = (async () => {
			const added: number[] = [];
			do {
				this.#again = false;
				added.push(...(await this.#reload()));
			} while (this.#again);
			this.#refreshing = null;
			return added;
		})();
		return this.#refreshing;
	}

	async #reload(): Promise<number[]> {
		const before = this.items.map((i) => i.number);
		const limit = Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, this.items.length));
		const page = await this.#get(null, limit);
		if (!page) return [];
		this.#set(page.items, page.nextCursor);
		return page.items.map((i) => i.number).filter((n) => !before.includes(n));
	}

	async #get(cursor: string | null, limit: number): Promise<RequestPage | null> {
		if (!this.#query) return null;
		const generation = ++this.#generation;
		this.loading = true;
		const result = await this.#fetch(this.#query, cursor, limit);
		if (generation !== this.#generation) return null;
		this.loading = false;
		if (!result.ok) {
			this.error = result.error.message;
			return null;
		}
		this.error = null;
		return result.data;
	}

	#set(items: RequestListItem[], nextCursor: string | null) {
		this.items = items;
		this.nextCursor = nextCursor;
		this.loaded = true;
	}
}
