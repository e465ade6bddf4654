// Journeys of issue 2 item 6 "Accounts": create and activate a space, sign in, edit the
// profile, sign out; forgotten password; French validation messages next to their fields.
import { expect, test } from '@playwright/test';
import { makeParent, strongPassword } from './support/factories';
import { acceptCgu, createAndActivate, fillRegistration, signIn } from './support/journeys';
import { linkContaining, waitForMail } from './support/mailbox';

test('a parent creates a space, activates it, signs in, edits the profile and signs out', async ({
	page
}) => {
	const parent = makeParent({ civility: 'Madame' });
	await createAndActivate(page, parent);

	await page.getByRole('link', { name: 'Me connecter' }).click();
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	await expect(
		page.getByRole('heading', { name: `Bonjour Madame ${parent.lastName.toUpperCase()}.` })
	).toBeVisible();
	await expect(page.getByText(/Dernière connexion/)).toHaveCount(0);
	await expect(page.getByText(parent.email)).toBeVisible();

	await page.getByRole('link', { name: 'Profil', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Mon profil' })).toBeVisible();
	await expect(page.getByLabel('Nom de la voie')).toHaveValue(parent.street);
	await page.getByLabel('Nom de la voie').fill('Chemin des Modifications');
	await page.getByLabel('Mobile').fill('07 98 76 54 32');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Vos modifications ont été enregistrées.')).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Nom de la voie')).toHaveValue('Chemin des Modifications');
	await expect(page.getByLabel('Mobile')).toHaveValue('07 98 76 54 32');

	await page.goto('/espace');
	await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
	await page.goto('/espace');
	await expect(page).toHaveURL(/\/\?retour=%2Fespace$/);
	await expect(page.getByText('Connectez-vous pour accéder à votre espace.')).toBeVisible();
});

test('the second sign-in shows the date of the previous one', async ({ page }) => {
	const parent = makeParent({ civility: 'Monsieur' });
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page.getByRole('heading', { name: /Bonjour Monsieur/ })).toBeVisible();
	await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
	// Sign-out is asynchronous (server, then this device's data): wait for it to finish.
	await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
	await signIn(page, parent.username, parent.password);
	await expect(
		page.getByText(/^Dernière connexion le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/)
	).toBeVisible();
});

test('a forgotten password is reset from the mail; the old one is refused', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);

	await page.goto('/');
	await page.getByRole('link', { name: "J'ai oublié mon mot de passe." }).click();
	await page.getByLabel('Courriel').fill(parent.email);
	await page.getByRole('button', { name: 'Recevoir un lien' }).click();
	await expect(page.getByText('Si un espace correspond à cette adresse')).toBeVisible();

	const mail = await waitForMail({ to: parent.email, subject: 'Réinitialisation' });
	await page.goto(linkContaining(mail, '/reinitialiser/'));
	const newPassword = strongPassword();
	await page.getByLabel('Nouveau mot de passe').fill(newPassword);
	await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
	await expect(page.getByText('Votre mot de passe a été modifié.')).toBeVisible();

	await signIn(page, parent.username, parent.password);
	await expect(page.getByRole('alert').filter({ hasText: /incorrect|invalide/i })).toBeVisible();
	await expect(page).toHaveURL(/\/$/);

	await signIn(page, parent.username, newPassword);
	await expect(page).toHaveURL(/\/espace$/);
});

test('an unknown address gets the same neutral answer', async ({ page }) => {
	await page.goto('/mot-de-passe-oublie');
	await page.getByLabel('Courriel').fill(makeParent().email);
	await page.getByRole('button', { name: 'Recevoir un lien' }).click();
	await expect(page.getByText('Si un espace correspond à cette adresse')).toBeVisible();
});

test('a weak password and a missing required field show French messages next to them', async ({
	page
}) => {
	const parent = makeParent({ password: 'abcdefgh' });
	await acceptCgu(page);
	await fillRegistration(page, parent);
	await page.getByLabel('Nom usuel').fill('');
	await page.getByRole('button', { name: 'Créer mon espace' }).click();

	const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
	await expect(summary).toBeFocused();
	const lastName = page.getByLabel('Nom usuel');
	await expect(lastName).toHaveAttribute('aria-invalid', 'true');
	await expect(lastName).toHaveAccessibleDescription(/Le champ « Nom usuel » est obligatoire\./);
	const password = page.getByLabel('Mot de passe', { exact: false }).first();
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(password).toHaveAccessibleDescription(
		/Le mot de passe doit contenir au minimum 8 caractères/
	);
});

test('the form is kept when the tab is closed, without the password', async ({ page }) => {
	const parent = makeParent();
	await acceptCgu(page);
	await fillRegistration(page, parent);
	await page.reload();
	await page.getByRole('button', { name: /Continuer/ }).click();
	await expect(page.getByLabel('Nom usuel')).toHaveValue(parent.lastName);
	await expect(page.getByLabel("Identifiant d'utilisateur")).toHaveValue(parent.username);
	await expect(page.getByLabel('Mot de passe', { exact: false }).first()).toHaveValue('');
});

test('a signed-in parent opening "Créer mon espace" is taken to the dashboard', async ({
	page
}) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	await page.goto('/creer-mon-espace');
	await expect(page).toHaveURL(/\/espace$/);
	await expect(page.getByRole('heading', { name: /Bonjour/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Je crée mon espace' })).toHaveCount(0);
});

test('wrong credentials show the API message', async ({ page }) => {
	const parent = makeParent();
	await signIn(page, parent.username, parent.password);
	await expect(page.getByRole('alert').first()).not.toBeEmpty();
	await expect(page).toHaveURL(/\/$/);
});

test('the demo mailbox says it only exists in demo mode', async ({ page }) => {
	await page.goto('/demo/courriels');
	await expect(page.getByText('qu’en mode démonstration')).toBeVisible();
});
