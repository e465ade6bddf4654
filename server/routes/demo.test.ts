// The demo mailbox lists every activation and reset link: loopback clients only, others get 404.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { createHarness, ORIGIN, socketFrom } from '../test/harness';

function demoHarness(trustedProxies: string[] = []) {
	const buildDir = mkdtempSync(join(tmpdir(), 'ef-build-'));
	writeFileSync(join(buildDir, '200.html'), '<!doctype html><html lang="fr"><body></body></html>');
	const h = createHarness({ demo: true, trustedProxies, buildDir });
	const app = createApp(
		{ db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} },
		{ serveStatic: true }
	);
	const get = (path: string, peer: string, headers: Record<string, string> = {}) =>
		app.request(`${ORIGIN}${path}`, { headers }, socketFrom(peer));
	return { h, get };
}

describe('demo mailbox', () => {
	it('is served to loopback clients (IPv4 and IPv6)', async () => {
		const { get } = demoHarness();
		for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
			const res = await get('/api/demo/mails', peer);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ mails: [] });
			expect((await get('/demo/courriels', peer)).status).toBe(200);
		}
	});

	it('answers 404 to any other client, page and API', async () => {
		const { get } = demoHarness();
		const api = await get('/api/demo/mails', '192.0.2.10');
		expect(api.status).toBe(404);
		expect((await api.json()).error.message).toMatch(/n’existe pas/);
		expect((await get('/demo/courriels', '192.0.2.10')).status).toBe(404);
	});

	it('does not believe X-Forwarded-For: 127.0.0.1 from an untrusted peer', async () => {
		const { get } = demoHarness();
		const res = await get('/api/demo/mails', '192.0.2.10', { 'x-forwarded-for': '127.0.0.1' });
		expect(res.status).toBe(404);
	});

	it('behind a trusted proxy on loopback, goes by the forwarded client', async () => {
		const { get } = demoHarness(['127.0.0.1']);
		const remote = { 'x-forwarded-for': '203.0.113.5' };
		expect((await get('/api/demo/mails', '127.0.0.1', remote)).status).toBe(404);
		expect((await get('/demo/courriels', '127.0.0.1', remote)).status).toBe(404);
		expect((await get('/api/demo/mails', '127.0.0.1')).status).toBe(200);
	});
});
