import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { billingApi } from './api';
import { MonthRun, POLL_MS } from './month-run.svelte';
import type { InvoiceRun, MonthPreview } from './types';

const ok = <T>(data: T) => ({ ok: true as const, status: 200, data });
const fail = (status: number, message: string) => ({
	ok: false as const,
	status,
	error: { code: 'x', message }
});

const preview = (month: string, alreadyIssued = 0): MonthPreview => ({
	month,
	totals: [{ structureId: 'lilas', structureName: 'Les Lilas', count: 3, amountCents: 90000 }],
	totalCents: 90000,
	count: 3,
	alreadyIssued,
	anomalies: []
});

const run = (issued: number, status: InvoiceRun['status'] = 'running'): InvoiceRun => ({
	id: 'r1',
	month: '2027-02',
	status,
	planned: 3,
	issued,
	totalCents: issued * 30000,
	printCount: 1,
	startedAt: '2027-03-02T08:00:00Z',
	finishedAt: status === 'done' ? '2027-03-02T08:00:03Z' : null
});

describe('the desk issuing a month’s invoices', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	it('shows the preview of the chosen month', async () => {
		const asked = vi.spyOn(billingApi, 'preview').mockResolvedValue(ok(preview('2027-02')));
		vi.spyOn(billingApi, 'runs').mockResolvedValue(ok({ items: [] }));
		const month = new MonthRun('2027-02');
		await month.load();
		expect(asked).toHaveBeenCalledWith('2027-02');
		expect(month.preview?.count).toBe(3);
		expect(month.run).toBeNull();
	});

	it('follows the run it started every second until it is done, then reads the month again', async () => {
		const previews = vi
			.spyOn(billingApi, 'preview')
			.mockResolvedValueOnce(ok(preview('2027-02')))
			.mockResolvedValue(ok(preview('2027-02', 3)));
		vi.spyOn(billingApi, 'runs').mockResolvedValue(ok({ items: [] }));
		vi.spyOn(billingApi, 'startRun').mockResolvedValue(ok({ id: 'r1' }));
		const polled = vi
			.spyOn(billingApi, 'run')
			.mockResolvedValueOnce(ok(run(0)))
			.mockResolvedValueOnce(ok(run(2)))
			.mockResolvedValueOnce(ok(run(3, 'done')));
		const month = new MonthRun('2027-02');
		await month.load();

		expect(await month.issue()).toBeNull();
		expect(month.running).toBe(true);
		expect(month.announced).toBe(
			'Émission des factures de février 2027 en cours : 0 / 3 factures émises.'
		);
		await vi.advanceTimersByTimeAsync(POLL_MS);
		expect(month.run?.issued).toBe(2);
		await vi.advanceTimersByTimeAsync(POLL_MS);
		expect(month.running).toBe(false);
		expect(month.run?.printCount).toBe(1);
		expect(month.preview?.alreadyIssued).toBe(3);
		expect(month.announced).toBe('Émission terminée : 3 factures de février 2027 émises.');
		expect(previews).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(POLL_MS * 5);
		expect(polled).toHaveBeenCalledTimes(3);
	});

	it('announces a run already finished when first read, and reads the month again', async () => {
		const previews = vi
			.spyOn(billingApi, 'preview')
			.mockResolvedValueOnce(ok(preview('2027-02')))
			.mockResolvedValue(ok(preview('2027-02', 3)));
		vi.spyOn(billingApi, 'runs').mockResolvedValue(ok({ items: [] }));
		vi.spyOn(billingApi, 'startRun').mockResolvedValue(ok({ id: 'r1' }));
		vi.spyOn(billingApi, 'run').mockResolvedValue(ok(run(3, 'done')));
		const month = new MonthRun('2027-02');
		await month.load();
		expect(await month.issue()).toBeNull();
		expect(month.run?.status).toBe('done');
		expect(month.preview?.alreadyIssued).toBe(3);
		expect(previews).toHaveBeenCalledTimes(2);
		expect(month.announced).toBe('Émission terminée : 3 factures de février 2027 émises.');
	});

	it('picks up a run still running after a reload', async () => {
		vi.spyOn(billingApi, 'preview').mockResolvedValue(ok(preview('2027-02')));
		vi.spyOn(billingApi, 'runs').mockResolvedValue(ok({ items: [run(1)] }));
		vi.spyOn(billingApi, 'run').mockResolvedValue(ok(run(2)));
		const month = new MonthRun('2027-02');
		await month.load();
		expect(month.running).toBe(true);
		expect(month.run?.issued).toBe(1);
		await vi.advanceTimersByTimeAsync(POLL_MS);
		expect(month.run?.issued).toBe(2);
		month.stop();
	});

	it('says why the server refused to start a run, and follows nothing', async () => {
		vi.spyOn(billingApi, 'startRun').mockResolvedValue(
			fail(409, 'Une émission est déjà en cours : attendez qu’elle se termine.')
		);
		const polled = vi.spyOn(billingApi, 'run');
		const month = new MonthRun('2027-02');
		expect(await month.issue()).toBe(
			'Une émission est déjà en cours : attendez qu’elle se termine.'
		);
		expect(month.run).toBeNull();
		expect(polled).not.toHaveBeenCalled();
	});

	it('keeps polling through a network failure, and stops when the page is left', async () => {
		vi.spyOn(billingApi, 'preview').mockResolvedValue(ok(preview('2027-02')));
		vi.spyOn(billingApi, 'runs').mockResolvedValue(ok({ items: [run(1)] }));
		const polled = vi
			.spyOn(billingApi, 'run')
			.mockResolvedValueOnce(fail(0, 'Connexion impossible : vérifiez votre réseau et réessayez.'))
			.mockResolvedValue(ok(run(2)));
		const month = new MonthRun('2027-02');
		await month.load();
		await vi.advanceTimersByTimeAsync(POLL_MS);
		expect(month.error).toMatch(/Connexion impossible/);
		await vi.advanceTimersByTimeAsync(POLL_MS);
		expect(month.error).toBeNull();
		expect(month.run?.issued).toBe(2);
		month.stop();
		await vi.advanceTimersByTimeAsync(POLL_MS * 3);
		expect(polled).toHaveBeenCalledTimes(2);
	});
});
