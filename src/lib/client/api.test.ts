import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, NETWORK_ERROR, parseRetryAfter } from './api';

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
	vi.stubGlobal(
		'fetch',
		vi.fn(async () =>
			body === undefined
				? new Response(null, { status, headers })
				: Response.json(body, { status, headers })
		)
	);
}

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('api client', () => {
	it('returns the data of a successful call and sends JSON', async () => {
		answer(201, { status: 'pending_activation' });
		const result = await api.register({ username: 'u' });
		expect(result).toEqual({ ok: true, status: 201, data: { status: 'pending_activation' } });
		const [url, init] = vi.mocked(fetch).mock.calls[0];
		expect(url).toBe('/api/auth/register');
		expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
	});

	it('passes the API error through, with its fields', async () => {
		const error = { code: 'username_taken', message: 'Pris.', fields: { username: 'Pris.' } };
		answer(409, { error });
		expect(await api.register({})).toEqual({ ok: false, status: 409, error });
	});

	it('reads Retry-After on a throttled sign-in', async () => {
		answer(
			429,
			{ error: { code: 'throttled', message: 'Trop de tentatives.' } },
			{ 'retry-after': '90' }
		);
		const result = await api.login('a', 'b');
		expect(result).toMatchObject({ ok: false, status: 429, retryAfter: 90 });
	});

	it('turns a network failure into a French message', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')))
		);
		expect(await api.me()).toEqual({
			ok: false,
			status: 0,
			error: { code: 'network', message: NETWORK_ERROR }
		});
	});

	it('gives a French message when the answer is not the API error shape', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response('Bad Gateway', { status: 502 }))
		);
		const result = await api.health();
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toMatch(/indisponible/);
	});

	it('accepts an empty 204', async () => {
		answer(204, undefined);
		expect(await api.logout()).toEqual({ ok: true, status: 204, data: null });
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('120')).toBe(120);
		expect(parseRetryAfter(new Date(61_000).toUTCString(), 0)).toBe(61);
		expect(parseRetryAfter(null)).toBeUndefined();
		expect(parseRetryAfter('bientôt')).toBeUndefined();
	});
});
