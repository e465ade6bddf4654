// Rasterises static/icons/icon.svg into the PNG icons the manifest and iOS need, and (when
// BASE_URL points at a running app) captures the store screenshots from the real home page.
// Uses the Chromium already installed for Playwright: no image library to add.
// Usage: node service-worker/assets/generate-pwa-assets.mjs [BASE_URL]
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';

const SVG = await readFile(new URL('../../static/icons/icon.svg', import.meta.url), 'utf8');
const OUT = new URL('../../static/', import.meta.url);

// "any" icons keep the rounded tile; maskable and Apple icons are full-bleed squares with the
// glyph inside the central 80 % safe zone, since the platform applies its own mask.
const glyph = SVG.match(/<g id="glyph">[\s\S]*?<\/g>/)?.[0] ?? '';
const fullBleed = (scale) =>
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#00506b"/>` +
	`<g transform="translate(256 256) scale(${scale}) translate(-256 -256)">${glyph}</g></svg>`;

const ICONS = [
	{ file: 'icons/icon-192.png', size: 192, svg: SVG },
	{ file: 'icons/icon-512.png', size: 512, svg: SVG },
	{ file: 'icons/maskable-192.png', size: 192, svg: fullBleed(0.72) },
	{ file: 'icons/maskable-512.png', size: 512, svg: fullBleed(0.72) },
	{ file: 'icons/apple-touch-icon.png', size: 180, svg: fullBleed(0.85) },
	{ file: 'favicon.png', size: 48, svg: SVG }
];

const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: chromiumArgs
});
try {
	for (const icon of ICONS) {
		const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
		const src = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString('base64')}`;
		await page.setContent(
			`<html><body style="margin:0;background:transparent"><img src="${src}" width="${icon.size}" height="${icon.size}" style="display:block"></body></html>`
		);
		await page.locator('img').evaluate((img) => img.decode());
		await writeFile(new URL(icon.file, OUT), await page.screenshot({ omitBackground: true }));
		await page.close();
		console.log(`static/${icon.file} ${icon.size}x${icon.size}`);
	}
	const baseUrl = process.argv[2];
	if (baseUrl) {
		const shots = [
			{ file: 'screenshots/accueil-mobile.png', viewport: { width: 360, height: 640 }, scale: 2 },
			{ file: 'screenshots/accueil-large.png', viewport: { width: 1280, height: 800 }, scale: 1 }
		];
		for (const shot of shots) {
			const context = await browser.newContext({
				viewport: shot.viewport,
				deviceScaleFactor: shot.scale,
				locale: 'fr-FR'
			});
			const page = await context.newPage();
			await page.goto(baseUrl, { waitUntil: 'networkidle' });
			await writeFile(new URL(shot.file, OUT), await page.screenshot());
			await context.close();
			console.log(`static/${shot.file}`);
		}
	}
} finally {
	await browser.close();
}
