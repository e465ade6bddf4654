import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY } from './list-query';
import { RequestList } from './request-list.svelte';
import type { RequestListItem } from './types';

const row = (number: number): RequestListItem => ({
	number,
	type: 'preinscription',
	status: 'Déposée',
	submittedAt: '2026-11-26T10:00:00Z',
	updatedAt: '2026-11-26T10:00:00Z',
	householdId: 'h1',
	people: [],
	family: { lastName: 'Durand', firstNames: 'Marie' }
});

function server(rows: number[]) {
	const calls: { cursor: string | null; limit: number }[] = [];
	const fetchPage = async (_q: unknown, cursor: string | null, limit: number) => {
		calls.push({ cursor, limit });
		const start = cursor ? Number(cursor) : 0;
		const slice = rows.slice(start, start + limit);
		const next = start + limit < rows.length ? String(start + limit) : null;
		return { ok: true as const, status: 200, data: { items: slice.map(row), nextCursor: next } };
	};
	return { fetchPage, calls, rows };
}

describe('request list', () => {
	it('« Charger plus » appends the next page until there is none', async () => {
		const numbers = Array.from({ length: 120 }, (_, i) => 200 - i);
		const { fetchPage } = server(numbers);
		const list = new RequestList(fetchPage);
		await list.load(EMPTY_QUERY);
		expect(list.items).toHaveLength(50);
		await list.more();
		await list.more();
		expect(list.items.map((i) => i.number)).toEqual(numbers);
		expect(list.nextCursor).toBeNull();
	});

	it('a refresh keeps the rows loaded and tells which ones are new', async () => {
		const backend = server([3, 2, 1]);
		const list = new RequestList(backend.fetchPage);
		await list.load(EMPTY_QUERY);
		backend.rows.unshift(5, 4);
		expect(await list.refresh()).toEqual([5, 4]);
		expect(list.items.map((i) => i.number)).toEqual([5, 4, 3, 2, 1]);
	});

	it('shows the French error of a failed load', async () => {
		const list = new RequestList(async () => ({
			ok: false as const,
			status: 400,
			error: { code: 'bad', message: 'La date de début n’est pas valide.' }
		}));
		await list.load(EMPTY_QUERY);
		expect(list.error).toBe('La date de début n’est pas valide.');
		expect(list.loaded).toBe(false);
	});

	it('a burst of live events reloads the list at most twice, and still reports every new row', async () => {
		const backend = server([1]);
		const list = new RequestList(backend.fetchPage);
		await list.load(EMPTY_QUERY);
		backend.rows.unshift(2);
		const first = list.refresh();
		const others = Array.from({ length: 10 }, () => list.refresh());
		backend.rows.unshift(3);
		expect(await first).toEqual([2, 3]);
		expect(await Promise.all(others)).toEqual(Array(10).fill([]));
		expect(backend.calls).toHaveLength(3); // the load, then two reloads
	});
});
