// Steps shared by the journeys, done the way a parent does them: through the screens.
import { expect, type Page } from '@playwright/test';
import type { Parent } from './factories';
import { linkContaining, waitForMail } from './mailbox';

/** Step 1 of "Créer mon espace": accept the CGU and continue. */
export async function acceptCgu(page: Page) {
	await page.goto('/creer-mon-espace');
	await expect(page.getByRole('heading', { name: /Étape 1 sur 2/ })).toBeVisible();
	await page.getByLabel("J'accepte les conditions générales d'utilisation").check();
	await page.getByRole('button', { name: /Continuer/ }).click();
	await expect(page.getByRole('heading', { name: /Étape 2 sur 2/ })).toBeVisible();
}

export async function fillRegistration(page: Page, parent: Parent) {
	await page.getByRole('radio', { name: parent.civility }).check();
	await page.getByLabel('Nom usuel').fill(parent.lastName);
	await page.getByLabel('Prénom(s)').fill(parent.firstNames);
	await page.getByLabel('Nom de la voie').fill(parent.street);
	await page.getByLabel('Code postal').fill(parent.postalCode);
	await page.getByLabel('Commune').fill(parent.city);
	await page.getByLabel('Mobile').fill(parent.mobile);
	await page.getByLabel('Courriel', { exact: false }).first().fill(parent.email);
	await page.getByLabel("Identifiant d'utilisateur").fill(parent.username);
	await page.getByLabel('Mot de passe', { exact: false }).first().fill(parent.password);
}

/** Creates the space through the form and opens the activation link from the mail. */
export async function createAndActivate(page: Page, parent: Parent) {
	await acceptCgu(page);
	await fillRegistration(page, parent);
	await page.getByRole('button', { name: 'Créer mon espace' }).click();
	// The server hashes the password (scrypt) and checks its strength: on a loaded 2-core machine
	// running two journeys at once this can take longer than the default 10 s.
	await expect(page.getByText(`Un courriel d'activation a été envoyé à l'adresse`)).toBeVisible({
		timeout: 30_000
	});
	await expect(page.getByText(parent.email)).toBeVisible();
	const mail = await waitForMail({ to: parent.email, subject: 'Activez' });
	await page.goto(linkContaining(mail, '/activation/'));
	await expect(page.getByText('Votre espace est activé')).toBeVisible();
}

export async function signIn(page: Page, username: string, password: string) {
	await page.goto('/');
	await page.getByLabel('Identifiant').fill(username);
	await page.getByLabel('Mot de passe', { exact: false }).first().fill(password);
	await page.getByRole('button', { name: 'Connexion' }).click();
}

/** Creates a space straight through the API (when the form itself is not what is tested). */
export async function registerThroughApi(page: Page, parent: Parent) {
	const response = await page.request.post('/api/auth/register', {
		data: {
			acceptCgu: true,
			civility: parent.civility,
			lastName: parent.lastName,
			firstNames: parent.firstNames,
			email: parent.email,
			username: parent.username,
			password: parent.password
		}
	});
	expect(response.status()).toBe(201);
}
