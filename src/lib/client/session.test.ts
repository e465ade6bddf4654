import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from './api';
import type { Me } from './types';

const me: Me = {
	user: {
		id: 'u1',
		username: 'parent-x',
		role: 'parent',
		civility: 'Madame',
		lastName: 'Essai',
		firstNames: 'Lou',
		lastLoginAt: null
	},
	household: null,
	syncUrl: null
};

const meCall = vi.fn<() => Promise<ApiResult<Me>>>();
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));
vi.mock('./api', () => ({
	api: { me: () => meCall(), logout: vi.fn(async () => ({ ok: true, status: 204, data: null })) },
	endPendingSignOut: vi.fn(async () => null),
	setUnauthorizedHandler: vi.fn()
}));

const fresh = async () => {
	vi.resetModules();
	return (await import('./session.svelte')).session;
};

describe('session', () => {
	beforeEach(() => meCall.mockReset());

	it('asks the server once for concurrent callers', async () => {
		meCall.mockResolvedValue({ ok: true, status: 200, data: me });
		const session = await fresh();
		await Promise.all([session.ensure(), session.ensure()]);
		await session.ensure();
		expect(meCall).toHaveBeenCalledTimes(1);
		expect(session.signedIn).toBe(true);
		expect(session.user?.lastName).toBe('Essai');
	});

	it('is signed out on 401', async () => {
		meCall.mockResolvedValue({
			ok: false,
			status: 401,
			error: { code: 'unauthenticated', message: 'Non connecté.' }
		});
		const session = await fresh();
		await session.ensure();
		expect(session.status).toBe('signed-out');
		expect(session.unreachable).toBe(false);
	});

	it('stays unknown when the server cannot be reached, and asks again next time', async () => {
		meCall.mockResolvedValueOnce({
			ok: false,
			status: 0,
			error: { code: 'network', message: 'Connexion impossible.' }
		});
		const session = await fresh();
		await session.ensure();
		expect(session.status).toBe('unknown');
		expect(session.unreachable).toBe(true);
		meCall.mockResolvedValueOnce({ ok: true, status: 200, data: me });
		await session.ensure();
		expect(session.signedIn).toBe(true);
	});

	it('runs the registered clean-ups on sign-out', async () => {
		meCall.mockResolvedValue({ ok: true, status: 200, data: me });
		const session = await fresh();
		await session.ensure();
		const cleanup = vi.fn();
		session.onSignOut(cleanup);
		await session.signOut();
		expect(cleanup).toHaveBeenCalledOnce();
		expect(session.status).toBe('signed-out');
	});
});
