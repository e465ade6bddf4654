// npm run bench:scan — a 12-megapixel phone photo (4000×3000 JPEG, printed text on noisy paper,
// EXIF orientation 6) → a finished page on the workbench, in headless Debian Chromium, through the
// real scanner page of the app (`/espace/pieces/numeriser`, demo parent).
// Prints, over BENCH_ROUNDS pages (default 5): the median time per page (performance.measure
// 'ef-scan-page': decode, orient, downscale, encode in the scan worker), the output bytes, and
// the longest main-thread task (PerformanceObserver « longtask ») while pages are processed.
// Aims: ≤ 800 ms a page, ≤ 1 MB, no main-thread task over 50 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { freePort } from '../tests/e2e/support/ports';
import { photoJpeg, withExif } from '../tests/e2e/support/jpeg';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DEMO = { username: 'parent.demo', password: 'Demo-Famille-2026' };

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'ef-bench-scan-'));
const app = spawn(process.execPath, ['scripts/start.js'], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		DEMO: '1',
		SMTP_URL: ''
	}
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(`${base}/api/health`)).ok) break;
	} catch {
		// not listening yet (it may be building)
	}
	if (i > 1500) throw new Error('the app did not start');
	await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
	const page = await browser.newPage();
	page.on('console', (m) => process.env.BENCH_DEBUG && console.log(m.text()));
	await page.addInitScript(() => {
		const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
		w.__longtasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				w.__longtasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
	await page.goto(`${base}/`);
	await page.getByLabel('Identifiant').fill(DEMO.username);
	await page.getByLabel('Mot de passe', { exact: false }).first().fill(DEMO.password);
	await page.getByRole('button', { name: 'Connexion' }).click();
	await page.waitForURL(/\/espace/);
	await page.goto(`${base}/espace/pieces/numeriser`);
	await page.getByRole('heading', { level: 1, name: 'Numériser une pièce' }).waitFor();
	// Given as a file on disk, as a phone's picker does: Chromium attaches it natively (a buffer
	// would be rebuilt by Playwright in page JavaScript, a long task that is not the app's).
	const photoPath = join(dataDir, 'photo-12mp.jpg');
	writeFileSync(photoPath, withExif(await photoJpeg(page, 4000, 3000), 6));

	const times: number[] = [];
	const sizes: number[] = [];
	let longest = 0;
	for (let i = 1; i <= ROUNDS; i++) {
		const t0 = await page.evaluate(() => performance.now());
		await page.getByLabel('Choisir un fichier').setInputFiles(photoPath);
		await page.getByText(`Page ${i} ajoutée.`).waitFor({ timeout: 60_000 });
		const round = await page.evaluate(async (since) => {
			const measure = performance.getEntriesByName('ef-scan-page').at(-1)!;
			const tasks = (
				window as unknown as { __longtasks: { start: number; duration: number }[] }
			).__longtasks.filter((t) => t.start >= since);
			const size = await new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('ef-scan');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('pages').objectStore('pages').getAll();
					all.onsuccess = () => {
						const pages = all.result as { position: number; blob: Blob }[];
						pages.sort((a, b) => a.position - b.position);
						resolve(pages.at(-1)!.blob.size);
						open.result.close();
					};
				};
			});
			return {
				ms: measure.duration,
				size,
				longest: Math.max(0, ...tasks.map((t) => t.duration)),
				detail: { since, measure: [measure.startTime, measure.duration], tasks }
			};
		}, t0);
		if (process.env.BENCH_DEBUG) console.log(JSON.stringify(round.detail));
		times.push(round.ms);
		sizes.push(round.size);
		longest = Math.max(longest, round.longest);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)]!;
	const maxSize = Math.max(...sizes);
	console.log(`12 MP photo → finished page (${ROUNDS} pages, headless Chromium, scan worker)`);
	console.log(
		`  median time per page   ${median.toFixed(0)} ms (fastest ${times[0]!.toFixed(0)}, slowest ${times.at(-1)!.toFixed(0)}) — aim ≤ 800 ms`
	);
	console.log(
		`  output size            ${(maxSize / 1024).toFixed(0)} KB at most (${sizes.map((s) => Math.round(s / 1024)).join(', ')} KB) — aim ≤ 1 MB`
	);
	console.log(`  longest main-thread task ${longest.toFixed(0)} ms — aim ≤ 50 ms`);
} finally {
	await browser.close();
	app.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
}
