// Signing out offline (a shared phone): the device counts as signed out at once, and the logout
// reaches the server before anything else may use the old session cookie.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

const me = {
	user: { id: 'u1', username: 'parent-x', role: 'parent', lastName: 'Essai', firstNames: 'Lou' },
	household: null,
	syncUrl: null
};

/** The server as the browser sees it: what it was asked, and whether the network is up. */
const net = { up: true, calls: [] as string[] };

function memoryStorage(): Storage {
	const data = new Map<string, string>();
	return {
		get length() {
			return data.size;
		},
		clear: () => data.clear(),
		getItem: (key) => data.get(key) ?? null,
		key: (i) => [...data.keys()][i] ?? null,
		removeItem: (key) => void data.delete(key),
		setItem: (key, value) => void data.set(key, String(value))
	};
}

beforeEach(() => {
	net.up = true;
	net.calls = [];
	vi.stubGlobal('localStorage', memoryStorage());
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string, init?: RequestInit) => {
			if (!net.up) throw new TypeError('Failed to fetch');
			net.calls.push(`${init?.method ?? 'GET'} ${url}`);
			if (url === '/api/auth/logout') return new Response(null, { status: 204 });
			if (url === '/api/me') return Response.json(me);
			if (url === '/api/auth/login') return Response.json({ user: me.user });
			return Response.json({ error: { message: 'Introuvable.' } }, { status: 404 });
		})
	);
});
afterEach(() => vi.unstubAllGlobals());

const fresh = async () => {
	vi.resetModules();
	const { session } = await import('./session.svelte');
	const { api } = await import('./api');
	const { hasPendingSignOut } = await import('./pending-sign-out');
	return { session, api, hasPendingSignOut };
};

describe('sign-out while offline', () => {
	it('counts as signed out on the device and never asks /api/me with the old cookie', async () => {
		const { session, hasPendingSignOut } = await fresh();
		await session.ensure();
		expect(session.signedIn).toBe(true);

		net.up = false;
		await session.signOut();
		expect(session.status).toBe('signed-out');
		expect(hasPendingSignOut()).toBe(true); // kept for when the network returns

		// Still offline, then back: the logout goes first, and the session stays signed out.
		await session.refresh();
		expect(session.status).toBe('signed-out');
		net.up = true;
		net.calls = [];
		await session.refresh();
		expect(net.calls).toEqual(['POST /api/auth/logout']);
		expect(session.status).toBe('signed-out');
		expect(hasPendingSignOut()).toBe(false);
	});

	it('survives a restart: the next app start ends the session before any other request', async () => {
		const before = await fresh();
		await before.session.ensure();
		net.up = false;
		await before.session.signOut();

		// A new start of the app (same device storage), the network is back.
		net.up = true;
		net.calls = [];
		const { session, api, hasPendingSignOut } = await fresh();
		const login = await api.login('parent-x', 'secret');
		expect(login.ok).toBe(true);
		expect(net.calls).toEqual(['POST /api/auth/logout', 'POST /api/auth/login']);
		expect(hasPendingSignOut()).toBe(false);
		// Signing in again is a new session: nothing logs it out afterwards.
		net.calls = [];
		await session.refresh();
		expect(net.calls).toEqual(['GET /api/me']);
	});

	it('holds every request while the logout cannot be sent', async () => {
		const { session, api } = await fresh();
		await session.ensure();
		net.up = false;
		await session.signOut();
		const result = await api.profile();
		expect(result).toMatchObject({ ok: false, status: 0 });
		expect(net.calls.filter((c) => c.includes('/me/profile'))).toEqual([]);
	});

	it('online, signs out at once and leaves nothing pending', async () => {
		const { session, hasPendingSignOut } = await fresh();
		await session.ensure();
		net.calls = [];
		await session.signOut();
		expect(net.calls).toEqual(['POST /api/auth/logout']);
		expect(hasPendingSignOut()).toBe(false);
	});
});
