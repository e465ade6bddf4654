// Serving the built PWA: CSP with the inline script's hash, cache rules, SPA fallback.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../test/harness';
import { createApp } from '../app';

function fakeBuild() {
	const dir = mkdtempSync(join(tmpdir(), 'ef-build-'));
	const boot = 'import("/_app/immutable/entry/start.js")';
	mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
	writeFileSync(
		join(dir, '200.html'),
		`<!doctype html><html lang="fr"><body><script>${boot}</script></body></html>`
	);
	writeFileSync(
		join(dir, 'index.html'),
		'<!doctype html><html lang="fr"><body>Accueil</body></html>'
	);
	writeFileSync(
		join(dir, 'creer-mon-espace.html'),
		'<!doctype html><html lang="fr"><body>Créer</body></html>'
	);
	writeFileSync(join(dir, '_app/immutable/entry/start.js'), 'console.log(1)');
	writeFileSync(join(dir, '_app/immutable/entry/start.js.gz'), gzipSync('console.log(1)'));
	return { dir, hash: 'sha256-' + createHash('sha256').update(boot).digest('base64') };
}

describe('static PWA serving', () => {
	const { dir, hash } = fakeBuild();
	const h = createHarness({ buildDir: dir });
	const app = createApp(
		{ db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} },
		{ serveStatic: true }
	);

	it('serves prerendered pages and falls back to the SPA shell with a CSP allowing its script by hash', async () => {
		expect(await (await app.request('/')).text()).toContain('Accueil');
		expect(await (await app.request('/creer-mon-espace')).text()).toContain('Créer');
		const spa = await app.request('/espace/profil');
		expect(spa.status).toBe(200);
		expect(spa.headers.get('cache-control')).toBe('no-cache');
		const csp = spa.headers.get('content-security-policy')!;
		expect(csp).toContain(`script-src 'self' '${hash}'`);
		expect(csp).not.toContain("unsafe-inline' 'sha");
		expect(csp).toContain("frame-ancestors 'none'");
	});

	it('marks hashed assets immutable and serves the gzip variant when accepted', async () => {
		const res = await app.request('/_app/immutable/entry/start.js', {
			headers: { 'accept-encoding': 'gzip' }
		});
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(res.headers.get('content-encoding')).toBe('gzip');
		const etag = res.headers.get('etag')!;
		expect(
			(await app.request('/_app/immutable/entry/start.js', { headers: { 'if-none-match': etag } }))
				.status
		).toBe(304);
	});

	it('answers a missing file with 404 rather than the shell', async () => {
		const res = await app.request('/icons/absent.png');
		expect(res.status).toBe(404);
		expect((await app.request('/espace/stockage')).status).toBe(200);
	});

	it('never answers /api paths with the shell, and refuses path traversal', async () => {
		expect((await app.request('/api/inconnu')).status).toBe(404);
		const res = await app.request('/_app/../../etc/passwd');
		expect(await res.text()).not.toContain('root:');
	});
});
