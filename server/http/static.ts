// Serves the built PWA: immutable hashed assets, revalidated HTML with a per-page CSP that
// allows exactly SvelteKit's inline bootstrap script (by hash), precompressed variants, and the
// SPA shell (200.html) for every other path that is not /api or /sync.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { baseCsp } from './security';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2',
	'.xml': 'application/xml'
};

interface Asset {
	file: string;
	type: string;
	etag: string;
	cacheControl: string;
	csp?: string;
	br?: string;
	gz?: string;
}

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
	);
}

function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const m of html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const attrs = m[1] ?? '';
		if (/type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) continue;
		hashes.push(
			'sha256-' +
				createHash('sha256')
					.update(m[2] ?? '')
					.digest('base64')
		);
	}
	return hashes;
}

function cacheControlFor(path: string): string {
	if (path.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
	return 'no-cache';
}

/** Indexes the build directory once at start; returns null when there is no build. */
export function indexBuild(buildDir: string): Map<string, Asset> | null {
	if (!existsSync(join(buildDir, '200.html'))) return null;
	const assets = new Map<string, Asset>();
	const files = walk(buildDir);
	const present = new Set(files);
	for (const file of files) {
		if (file.endsWith('.br') || file.endsWith('.gz')) continue;
		const urlPath = '/' + relative(buildDir, file).split(sep).join('/');
		const st = statSync(file);
		const asset: Asset = {
			file,
			type: TYPES[extname(file)] ?? 'application/octet-stream',
			etag: `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`,
			cacheControl: cacheControlFor(urlPath),
			br: present.has(file + '.br') ? file + '.br' : undefined,
			gz: present.has(file + '.gz') ? file + '.gz' : undefined
		};
		if (file.endsWith('.html')) asset.csp = baseCsp(inlineScriptHashes(readFileSync(file, 'utf8')));
		assets.set(urlPath, asset);
	}
	return assets;
}

/** The file for a path; the SPA shell for app routes; null for a missing file (it has an extension). */
function resolveAsset(assets: Map<string, Asset>, path: string): Asset | null {
	const clean = path.endsWith('/') && path !== '/' ? path.slice(0, -1) : path;
	const found =
		assets.get(clean === '/' ? '/index.html' : clean) ??
		assets.get(clean + '.html') ??
		assets.get(clean + '/index.html');
	if (found) return found;
	if (/\.[a-z0-9]+$/i.test(clean)) return null;
	return assets.get('/200.html') as Asset;
}

export function serveBuild(assets: Map<string, Asset>): MiddlewareHandler {
	return async function serveBuildMiddleware(c, next) {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
		let path: string;
		try {
			path = decodeURIComponent(new URL(c.req.url).pathname);
		} catch {
			return next();
		}
		if (path.includes('\0') || path.split('/').includes('..')) return next();
		const asset = resolveAsset(assets, path);
		if (!asset) return next();
		const headers: Record<string, string> = {
			'Content-Type': asset.type,
			'Cache-Control': asset.cacheControl,
			ETag: asset.etag,
			Vary: 'Accept-Encoding'
		};
		if (asset.csp) headers['Content-Security-Policy'] = asset.csp;
		if (path === '/service-worker.js') headers['Service-Worker-Allowed'] = '/';
		if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
		const accept = c.req.header('accept-encoding') ?? '';
		let file = asset.file;
		if (asset.br && /\bbr\b/.test(accept)) {
			file = asset.br;
			headers['Content-Encoding'] = 'br';
		} else if (asset.gz && /\bgzip\b/.test(accept)) {
			file = asset.gz;
			headers['Content-Encoding'] = 'gzip';
		}
		if (c.req.method === 'HEAD') return c.body(null, 200, headers);
		return c.body(new Uint8Array(await readFile(file)), 200, headers);
	};
}
