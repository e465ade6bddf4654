// Issue 8 item 2 — « MON TABLEAU DE BORD »: the demo family (a declared child, request n° 1, a
// welcome message from the service) sees its latest request with number, type, people and
// status, opens its dated history, reads the service's message, and finds a draft it started
// under « Brouillons » to resume or delete.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { enableDiagnostics, signInDemoParent } from './support/pwa';
import { buildCopy, PwaServer } from './support/pwa-server';

let server: PwaServer;

test.beforeAll(async () => {
	server = await PwaServer.start(await buildCopy('dashboard'));
});
test.afterAll(async () => server?.dispose());
test.use({ baseURL: undefined });
test.beforeEach(async ({ context }) => enableDiagnostics(context));

test('the dashboard shows the family’s request and message; the detail has its history', async ({
	page
}) => {
	await signInDemoParent(page, server.baseUrl);
	const requests = page.getByRole('region', { name: 'Dernières demandes' });
	const first = requests.getByRole('link', { name: /Demande n° 1\b/ });
	await expect(first).toContainText('Déclaration d’entourage');
	await expect(first).toContainText('Jules DÉMO');
	await expect(first).toContainText('Déposée');
	const news = page.getByRole('region', { name: 'Mes actualités' });
	await expect(news).toContainText('1 message non lu');
	await expect(news).toContainText('Bienvenue dans votre Espace Famille');
	await expectNoA11yViolations(page, 'tableau de bord');

	await first.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Demande n° 1' })).toBeVisible();
	await expect(page.getByRole('list').filter({ hasText: 'Déposée' }).first()).toBeVisible();
	await expect(page.getByText('Jules DÉMO').first()).toBeVisible();
	await expect(page.getByText('14/03/2025')).toBeVisible();
	await expectNoA11yViolations(page, 'détail de la demande');

	await page.getByRole('link', { name: 'Toutes mes demandes' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dernières demandes' })).toBeVisible();
	await expectNoA11yViolations(page, 'Dernières demandes');

	// The service's message: unread until opened, then read on this device.
	await page.goto(`${server.baseUrl}/espace/actualites`);
	await expect(page.getByText('Non lu', { exact: true })).toBeVisible();
	await page.getByText('Bienvenue dans votre Espace Famille').click();
	await expect(page.getByText('Votre espace est prêt.', { exact: false })).toBeVisible();
	await expect(page.getByText('Non lu', { exact: true })).toHaveCount(0);
	await expectNoA11yViolations(page, 'Mes actualités');
	await page.getByRole('link', { name: 'Retour à mon accueil' }).click();
	await expect(page.getByRole('region', { name: 'Mes actualités' })).not.toContainText(
		'message non lu'
	);
});

test('a draft started is listed under Brouillons, resumed where it was left, then deleted', async ({
	page
}) => {
	await signInDemoParent(page, server.baseUrl);
	await page
		.getByRole('region', { name: 'Mon espace' })
		.getByRole('link', { name: 'Entourage', exact: true })
		.click();
	await page.getByRole('button', { name: 'Déclarer mon entourage' }).click();
	await page.getByRole('button', { name: 'Commencer' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: /déclarer mon entourage/i })
	).toBeVisible();
	const wizardUrl = page.url();

	await page.goto(`${server.baseUrl}/espace`);
	const drafts = page.getByRole('region', { name: 'Brouillons' });
	await drafts.getByRole('link', { name: 'Reprendre : Déclaration d’entourage' }).click();
	await expect(page).toHaveURL(wizardUrl);
	await expect(
		page.getByRole('heading', { level: 1, name: /déclarer mon entourage/i })
	).toBeVisible();

	await page.goto(`${server.baseUrl}/espace/brouillons`);
	await expect(
		page.getByRole('heading', { level: 2, name: 'Déclaration d’entourage' })
	).toBeVisible();
	await expectNoA11yViolations(page, 'Brouillons');
	await page.getByRole('button', { name: 'Supprimer' }).click();
	await page.getByRole('button', { name: 'Oui, supprimer' }).click();
	await expect(page.getByText('Vous n’avez aucun brouillon en cours.')).toBeVisible();
	await expect(
		page.getByText('Le brouillon « Déclaration d’entourage » a été supprimé.')
	).toBeVisible();
});
