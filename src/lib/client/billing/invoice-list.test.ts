import { afterEach, describe, expect, it, vi } from 'vitest';
import { billingApi } from './api';
import { filtersFrom, InvoiceList } from './invoice-list.svelte';

const ok = <T>(data: T) => ({ ok: true as const, status: 200, data });

describe('the desk’s invoice list', () => {
	afterEach(() => vi.restoreAllMocks());

	it('reads its filters from the address, leaving out what is not valid', () => {
		expect(
			filtersFrom(new URLSearchParams('month=2027-02&structure=lilas&status=late&q=Martin&page=3'))
		).toEqual({ month: '2027-02', structure: 'lilas', status: 'late', q: 'Martin', page: 3 });
		expect(filtersFrom(new URLSearchParams('month=février&status=perdue&page=-2'))).toEqual({
			month: '',
			structure: '',
			status: '',
			q: '',
			page: 1
		});
	});

	it('asks the server for the filtered page and says how many invoices match', async () => {
		const asked = vi.spyOn(billingApi, 'invoices').mockResolvedValue(ok({ items: [], total: 120 }));
		const list = new InvoiceList();
		await list.load({ month: '2027-02', structure: '', status: 'to_pay', q: ' F2027 ', page: 2 });
		expect(asked).toHaveBeenCalledWith({
			month: '2027-02',
			structure: '',
			status: 'to_pay',
			q: ' F2027 ',
			page: 2
		});
		expect(list.search).toBe('?month=2027-02&status=to_pay&q=F2027&page=2');
		expect(list.pages).toBe(3);
		expect(list.summary).toBe('120 factures ou avoirs — page 2 sur 3.');
	});

	it('says when nothing matches, and shows the server’s French error', async () => {
		vi.spyOn(billingApi, 'invoices')
			.mockResolvedValueOnce(ok({ items: [], total: 0 }))
			.mockResolvedValueOnce({
				ok: false,
				status: 400,
				error: { code: 'invalid', message: 'Le mois doit être de la forme AAAA-MM.' }
			});
		const list = new InvoiceList();
		await list.load();
		expect(list.summary).toBe('Aucune facture ne correspond à ces critères.');
		await list.load();
		expect(list.error).toBe('Le mois doit être de la forme AAAA-MM.');
		expect(list.summary).toBe('');
	});
});
