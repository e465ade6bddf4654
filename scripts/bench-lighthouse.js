// `npm run bench:lighthouse`: serves the production build (node scripts/start.js builds it when
// stale), then reports on the public home page:
//   - the JavaScript the page itself loads, gzip-compressed (target ≤ 100 KB), and that neither
//     PouchDB nor Dexie is among it;
//   - installability, asked of Chromium itself (Page.getInstallabilityErrors) since Lighthouse 12
//     no longer has a PWA category;
//   - Lighthouse 12.2.3 scores with its default mobile emulation (target: performance ≥ 95).
// Uses /usr/bin/chromium when present. Exits non-zero when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.js';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME = chromiumPath;
const CHROME_FLAGS = ['--headless=new', ...chromiumArgs];
const TARGET_PERFORMANCE = 95;
const TARGET_HOME_JS_KB = 100;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

const freePort = () =>
	new Promise((resolve, reject) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});

async function startApp() {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'ef-bench-'));
	const child = spawn(process.execPath, ['scripts/start.js'], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '0' }
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const end = Date.now() + 300_000;
	while (Date.now() < end) {
		if (child.exitCode !== null) throw new Error(`the app exited (code ${child.exitCode})`);
		try {
			if ((await fetch(`${baseUrl}/api/health`)).ok) break;
		} catch {
			// still building or starting
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	const stop = () => {
		child.kill('SIGTERM');
		rmSync(dataDir, { recursive: true, force: true });
	};
	return { baseUrl, stop };
}

/** JS requested by the page itself (not by the worker's precache), gzip-sized from build/. */
async function measureHome(baseUrl) {
	// A persistent profile: Chromium never reports an incognito context as installable.
	const profile = mkdtempSync(join(tmpdir(), 'ef-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROME,
		args: CHROME_FLAGS.slice(1)
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		const scripts = new Set();
		page.on('response', (response) => {
			const url = new URL(response.url());
			if (url.origin === baseUrl && url.pathname.endsWith('.js')) scripts.add(url.pathname);
		});
		await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 30_000
		});
		await page.waitForTimeout(2_000);
		scripts.delete('/service-worker.js'); // the worker's own script, not page JS
		let bytes = 0;
		const heavy = [];
		for (const path of scripts) {
			const source = readFileSync(join('build', path));
			bytes += gzipSync(source, { level: 9 }).length;
			const text = source.toString('utf8');
			if (/PouchDB|pouchdb/.test(text)) heavy.push(`${path} (PouchDB)`);
			if (/Dexie/.test(text)) heavy.push(`${path} (Dexie)`);
		}
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		const manifest = await cdp.send('Page.getAppManifest');
		return {
			kb: bytes / 1024,
			files: scripts.size,
			heavy,
			installabilityErrors,
			manifestErrors: manifest?.errors ?? []
		};
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

function runLighthouse(url) {
	const out = mkdtempSync(join(tmpdir(), 'ef-lighthouse-'));
	const report = join(out, 'report.json');
	const local = join('node_modules', '.bin', 'lighthouse');
	const [command, prefix] = existsSync(local) ? [local, []] : ['npx', ['--yes', LIGHTHOUSE]];
	const result = spawnSync(
		command,
		[
			...prefix,
			url,
			'--quiet',
			'--output=json',
			`--output-path=${report}`,
			'--only-categories=performance,accessibility,best-practices,seo',
			`--chrome-flags=${CHROME_FLAGS.join(' ')}`
		],
		{ stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH: CHROME ?? '' } }
	);
	if (result.status !== 0 || !existsSync(report)) throw new Error('Lighthouse failed');
	const lhr = JSON.parse(readFileSync(report, 'utf8'));
	const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
	const metric = (id) => lhr.audits[id]?.displayValue ?? '?';
	return {
		report,
		version: lhr.lighthouseVersion,
		performance: score('performance'),
		accessibility: score('accessibility'),
		bestPractices: score('best-practices'),
		seo: score('seo'),
		benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0),
		metrics: [
			'first-contentful-paint',
			'largest-contentful-paint',
			'total-blocking-time',
			'cumulative-layout-shift',
			'speed-index'
		]
			.map((id) => `${id} ${metric(id)}`)
			.join(', ')
	};
}

const app = await startApp();
let failed = false;
try {
	const home = await measureHome(app.baseUrl);
	console.log(
		`\nPublic home JavaScript: ${home.kb.toFixed(1)} KB gzip in ${home.files} files (target ≤ ${TARGET_HOME_JS_KB} KB)`
	);
	console.log(
		`PouchDB / Dexie on the public home: ${home.heavy.length ? home.heavy.join(', ') : 'none'}`
	);
	const installable = home.installabilityErrors.length === 0;
	console.log(
		`Installable (Chromium): ${installable ? 'yes' : `no — ${JSON.stringify(home.installabilityErrors)}`}`
	);
	console.log(`Manifest errors reported by Chromium: ${JSON.stringify(home.manifestErrors)}`);
	// Lighthouse scores swing with host load: run several times and keep the median, as its
	// authors advise, and say when the host was too busy for the figure to mean much.
	const runs = [];
	for (let i = 0; i < RUNS; i += 1) runs.push(runLighthouse(`${app.baseUrl}/`));
	runs.sort((a, b) => a.performance - b.performance);
	const lh = runs[Math.floor(runs.length / 2)];
	console.log(
		`Lighthouse ${lh.version} (mobile, median of ${runs.length}): performance ${lh.performance} (runs: ${runs.map((r) => r.performance).join(', ')}), accessibility ${lh.accessibility}, best practices ${lh.bestPractices}, SEO ${lh.seo}`
	);
	console.log(`  ${lh.metrics}`);
	console.log(
		`  host benchmark index ${lh.benchmarkIndex}${lh.benchmarkIndex < 1000 ? ' — host heavily loaded: performance figures are pessimistic' : ''}`
	);
	console.log(`  report: ${lh.report}`);
	failed =
		home.kb > TARGET_HOME_JS_KB ||
		home.heavy.length > 0 ||
		!installable ||
		lh.performance < TARGET_PERFORMANCE;
} catch (error) {
	console.error(error);
	failed = true;
} finally {
	app.stop();
}
process.exit(failed ? 1 : 0);
