import { describe, expect, it } from 'vitest';
import {
	apiSearch,
	EMPTY_QUERY,
	fromSearchParams,
	isFiltered,
	toggleSort,
	toSearch,
	type ListQuery
} from './list-query';

const parse = (search: string) => fromSearchParams(new URLSearchParams(search));

describe('requests list query ↔ URL', () => {
	it('an address shared with its filters gives back the same list (round trip)', () => {
		const query: ListQuery = {
			type: 'preinscription',
			statuses: ['Déposée', 'Pièces reçues'],
			structure: 'eaje-vienne-1',
			commission: '2027-03',
			from: '2026-11-01',
			to: '2026-11-30',
			q: 'Lefèvre',
			sort: { column: 'number', direction: 'ascending' }
		};
		expect(parse(toSearch(query))).toEqual(query);
	});

	it('the unfiltered list has a bare address', () => {
		expect(toSearch(EMPTY_QUERY)).toBe('');
		expect(isFiltered(EMPTY_QUERY)).toBe(false);
		expect(isFiltered({ ...EMPTY_QUERY, sort: { column: 'number', direction: 'ascending' } })).toBe(
			false
		);
		expect(isFiltered({ ...EMPTY_QUERY, q: 'Durand' })).toBe(true);
	});

	it('a hand-edited address with unknown values shows the whole list instead of an error', () => {
		expect(
			parse('?type=crèche&status=Perdue&status=Complète&from=hier&commission=mars&sort=x')
		).toEqual({ ...EMPTY_QUERY, statuses: ['Complète'] });
	});

	it('reads a comma-separated status list too', () => {
		expect(parse('?status=Déposée,Pièces%20reçues').statuses).toEqual(['Déposée', 'Pièces reçues']);
	});

	it('the API query always names the sort and carries the cursor for « Charger plus »', () => {
		const search = new URLSearchParams(apiSearch({ ...EMPTY_QUERY, q: ' n° 12 ' }, 'abc', 50));
		expect(Object.fromEntries(search)).toEqual({
			q: 'n° 12',
			sort: 'submitted',
			cursor: 'abc',
			limit: '50'
		});
	});

	it('a column header sorts newest first, then the other way on a second click', () => {
		const byNumber = toggleSort(EMPTY_QUERY.sort, 'number');
		expect(byNumber).toEqual({ column: 'number', direction: 'descending' });
		expect(toggleSort(byNumber, 'number')).toEqual({ column: 'number', direction: 'ascending' });
		expect(toSearch({ ...EMPTY_QUERY, sort: toggleSort(byNumber, 'number') })).toBe(
			'?sort=-number'
		);
	});
});
