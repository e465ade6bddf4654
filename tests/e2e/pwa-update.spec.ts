// Issue 4 — a new build served: the update prompt appears (only at a step boundary), and one
// click activates the new worker with exactly one reload and no lost input.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { WCAG_TAGS } from './support/axe';
import { enableDiagnostics, waitForApp, waitForWorkerControl } from './support/pwa';
import { buildCopy, PwaServer } from './support/pwa-server';

test('new build → prompt → one click → one reload, never during input', async ({
	page,
	context
}) => {
	const server = await PwaServer.start(await buildCopy('a'));
	try {
		await enableDiagnostics(context);
		let loads = 0;
		page.on('load', () => (loads += 1));
		await page.goto(`${server.baseUrl}/`);
		await waitForWorkerControl(page);
		await waitForApp(page);
		const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
		// A second tab of the app, left alone during the update.
		const other = await context.newPage();
		let otherLoads = 0;
		other.on('load', () => (otherLoads += 1));
		await other.goto(`${server.baseUrl}/actualites`);
		await waitForApp(other);

		// The parent is typing in a form: the form holds the guard.
		await page.evaluate(() => (window.__release = window.__espaceFamille.formGuard.hold()));
		await page.getByLabel('Identifiant').fill('brouillon.en.cours');

		await server.serve(await buildCopy('b'));
		await page.evaluate(() => window.__espaceFamille.appUpdate.check(true));
		await expect
			.poll(() => page.evaluate(() => window.__espaceFamille.appUpdate.available), {
				timeout: 30_000
			})
			.toBe(true);
		await expect(page.getByTestId('pwa-update')).toHaveCount(0);
		await expect(page.getByLabel('Identifiant')).toHaveValue('brouillon.en.cours');

		// Step boundary: the prompt shows, and it is accessible.
		await page.evaluate(() => window.__release?.());
		const prompt = page.getByTestId('pwa-update');
		await expect(prompt).toContainText('Une nouvelle version est disponible');
		const results = await new AxeBuilder({ page })
			.include('[data-testid="pwa-update"]')
			.withTags(WCAG_TAGS)
			.analyze();
		expect(results.violations.map((v) => v.id)).toEqual([]);

		const loadsBefore = loads;
		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Mettre à jour' }).click()
		]);
		await page.waitForTimeout(3_000); // no second reload, no loop
		expect(loads).toBe(loadsBefore + 1);
		await waitForApp(page);
		await expect(page.getByTestId('pwa-update')).toHaveCount(0);
		const state = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			const body = await (await fetch('/service-worker.js', { cache: 'no-store' })).text();
			return {
				waiting: registration?.waiting ?? null,
				controller: navigator.serviceWorker.controller?.scriptURL,
				isB: body.includes('// build b')
			};
		});
		expect(state).toEqual({ waiting: null, controller: firstWorker, isB: true });
		expect(await page.evaluate(() => window.__espaceFamille.appUpdate.available)).toBe(false);

		// The other tab now runs old code under the new worker: it offers the prompt, which
		// only reloads it, once.
		const otherPrompt = other.getByTestId('pwa-update');
		await expect(otherPrompt).toContainText('Une nouvelle version est disponible');
		const otherBefore = otherLoads;
		await Promise.all([
			other.waitForEvent('load'),
			otherPrompt.getByRole('button', { name: 'Mettre à jour' }).click()
		]);
		await other.waitForTimeout(2_000);
		expect(otherLoads).toBe(otherBefore + 1);
		await expect(other.getByTestId('pwa-update')).toHaveCount(0);
	} finally {
		await server.dispose();
	}
});
