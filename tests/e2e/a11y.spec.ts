// axe-core (WCAG 2.1 A and AA) on the accounts screens, including their error states.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { makeParent } from './support/factories';
import { acceptCgu, createAndActivate, signIn } from './support/journeys';

test('home page', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('button', { name: 'Connexion' })).toBeVisible();
	await expect(page).toHaveTitle(/Accueil/);
	await expectNoA11yViolations(page, '/');
});

test('sign-in form with its errors shown', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Connexion' }).click();
	await expect(page.getByText('Le champ « Identifiant » est obligatoire.').first()).toBeVisible();
	await expectNoA11yViolations(page, '/ (empty sign-in)');

	const parent = makeParent();
	await signIn(page, parent.username, parent.password);
	await expect(page.getByRole('alert').first()).not.toBeEmpty();
	await expectNoA11yViolations(page, '/ (refused sign-in)');
});

test('create my space, both steps and the errors', async ({ page }) => {
	await page.goto('/creer-mon-espace');
	await expect(page).toHaveTitle(/Étape 1 sur 2/);
	await expectNoA11yViolations(page, '/creer-mon-espace step 1');
	await page.getByRole('button', { name: /Continuer/ }).click();
	await expectNoA11yViolations(page, '/creer-mon-espace step 1 error');

	await acceptCgu(page);
	await expect(page).toHaveTitle(/Étape 2 sur 2/);
	await expectNoA11yViolations(page, '/creer-mon-espace step 2');
	await page.getByRole('button', { name: 'Créer mon espace' }).click();
	await expect(page.getByText('Le formulaire contient des erreurs')).toBeVisible();
	await expectNoA11yViolations(page, '/creer-mon-espace step 2 errors');
});

test('profile page', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	await expectNoA11yViolations(page, '/espace');
	await page.goto('/espace/profil');
	await expect(page.getByLabel('Nom usuel')).toHaveValue(parent.lastName);
	await expectNoA11yViolations(page, '/espace/profil');
	await page.getByLabel('Mobile').fill('pas-un-numéro');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Le formulaire contient des erreurs')).toBeVisible();
	await expectNoA11yViolations(page, '/espace/profil with errors');
});

test('public information pages', async ({ page }) => {
	for (const path of ['/mot-de-passe-oublie', '/cgu', '/mentions-information', '/accessibilite']) {
		await page.goto(path);
		await expect(page.locator('h1')).toBeVisible();
		await expectNoA11yViolations(page, path);
	}
});
