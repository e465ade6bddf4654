// Issue 9 item 6 — an agent publishes a news item; a visitor reads it on the home page under
// ACTUALITÉS (« Lire la suite », « Voir toutes les actualités »), and again with no network.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { E2E_AGENT } from './support/factories';
import { signIn } from './support/journeys';
import { waitForWorkerControl } from './support/pwa';

test('an agent publishes a news item; visitors read it on the home page, also offline', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await signIn(page, E2E_AGENT.username, E2E_AGENT.password);
	await expect(page).toHaveURL(/\/agent/);
	await page.goto('/agent/actualites');
	await expect(page.getByRole('heading', { level: 1, name: 'Actualités' })).toBeVisible();
	await expect(page.getByRole('row', { name: /Simulateur de tarifs/ })).toContainText('En ligne');

	// Nothing half-published: an empty title is named, focus on the summary, nothing listed.
	const title = `Fermeture de Noël ${Date.now().toString(36)}`;
	await page.getByRole('textbox', { name: 'Texte' }).fill('Les crèches ferment.');
	await page.getByRole('button', { name: 'Publier' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Le champ « Titre » est obligatoire.');
	await expectNoA11yViolations(page, 'actualités (agent)');

	await page.getByRole('textbox', { name: 'Titre' }).fill(title);
	await page
		.getByRole('textbox', { name: 'Texte' })
		.fill(
			'Les crèches de l’agglomération ferment du 24 au 26 décembre.\n\nBonnes fêtes de fin d’année à toutes les familles.'
		);
	await page.getByRole('button', { name: 'Publier' }).click();
	await expect(page.getByText(`Actualité « ${title} » publiée.`)).toBeAttached();
	await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('En ligne');

	// A visitor, not signed in, on the home page.
	const { baseURL, locale, timezoneId } = test.info().project.use;
	const visitorContext = await browser.newContext({ baseURL, locale, timezoneId });
	try {
		const visitor = await visitorContext.newPage();
		await visitor.goto('/');
		const news = visitor.getByRole('region', { name: 'Actualités' });
		const teaser = news.getByRole('article', { name: title });
		await expect(teaser).toContainText('Les crèches de l’agglomération ferment du 24 au 26');
		await teaser.getByRole('link', { name: `Lire la suite : ${title}` }).click();
		await expect(visitor).toHaveURL(/\/actualites#actu-\d+$/);
		const full = visitor.getByRole('article', { name: title });
		await expect(full).toBeFocused();
		await expect(full).toContainText('Bonnes fêtes de fin d’année à toutes les familles.');
		await expectNoA11yViolations(visitor, 'actualités (public)');

		// No network: the home page and ACTUALITÉS still show what was read.
		await waitForWorkerControl(visitor);
		await visitorContext.setOffline(true);
		await visitor.goto('/');
		await expect(news.getByRole('article', { name: title })).toBeVisible();
		await news.getByRole('link', { name: 'Voir toutes les actualités' }).click();
		await expect(visitor.getByRole('article', { name: title })).toContainText('Bonnes fêtes');
	} finally {
		await visitorContext.close();
	}
});
