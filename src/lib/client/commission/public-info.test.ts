// « Comment sont attribuées les places » and the request page read the commission's public data
// offline: the last answer of GET /api/commission is kept on the device and shown when the
// server cannot be reached.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../api';
import type { CommissionInfo } from './schedule';

const call = vi.fn<() => Promise<ApiResult<CommissionInfo>>>();
vi.mock('../api', () => ({ api: { commission: () => call() } }));

const INFO: CommissionInfo = {
	sessions: [
		{
			id: '11111111-1111-4111-8111-111111111111',
			date: '2027-03-15',
			periodStart: '2027-04-01',
			periodEnd: '2027-06-30',
			state: 'planned'
		}
	],
	criteria: [{ id: 'singleWorkingParent', label: 'Parent seul qui travaille', points: 5 }],
	gridVersion: 1,
	offerDeadlineDays: 15,
	graceHours: 48
};
const NO_NETWORK = {
	ok: false as const,
	status: 0,
	error: { error: { code: 'network', message: 'Connexion impossible.' } }
};

const fresh = async () => {
	vi.resetModules();
	return (await import('./public-info.svelte')).commissionInfo;
};

describe('commissionInfo', () => {
	beforeEach(() => {
		call.mockReset();
		const store = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v)
		});
	});

	it('shows the server’s calendar and criteria, then the same with no network', async () => {
		call.mockResolvedValueOnce({ ok: true, status: 200, data: INFO });
		const online = await fresh();
		await online.load();
		expect(online.info).toEqual(INFO);
		expect(online.offline).toBe(false);

		call.mockResolvedValueOnce(NO_NETWORK as never);
		const offline = await fresh();
		await offline.load();
		expect(offline.info).toEqual(INFO);
		expect(offline.offline).toBe(true);
		expect(offline.loaded).toBe(true);
	});

	it('has nothing to show offline before a first visit online', async () => {
		call.mockResolvedValueOnce(NO_NETWORK as never);
		const feed = await fresh();
		await feed.load();
		expect(feed.info).toBeNull();
		expect(feed.offline).toBe(false);
		expect(feed.loaded).toBe(true);
	});
});
