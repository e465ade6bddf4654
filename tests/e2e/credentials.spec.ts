// Sign-in throttling, single-use activation links, and password change from "Identifiants".
import { expect, test } from '@playwright/test';
import { makeParent, strongPassword } from './support/factories';
import {
	acceptCgu,
	createAndActivate,
	fillRegistration,
	registerThroughApi,
	signIn
} from './support/journeys';
import { linkContaining, waitForMail } from './support/mailbox';

test('after repeated failures the sign-in tells how long to wait', async ({ page }) => {
	const parent = makeParent();
	for (let i = 0; i < 5; i++) {
		const response = await page.request.post('/api/auth/login', {
			data: { username: parent.username, password: 'Pas-le-bon-1' }
		});
		expect(response.status()).toBe(401);
	}
	await signIn(page, parent.username, 'Pas-le-bon-1');
	const alert = page.getByRole('alert').filter({ hasText: /réessayez dans/i });
	await expect(alert).toHaveText(/réessayez dans (\d+ secondes|1 minute)\./i);
	expect((await alert.innerText()).match(/réessayez dans/gi)).toHaveLength(1);
});

test('an activation link works once, then offers a new mail', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	const mail = await waitForMail({ to: parent.email, subject: 'Activez' });
	await page.goto(linkContaining(mail, '/activation/'));
	await expect(page).toHaveTitle(/Activation impossible/);
	await expect(
		page.getByRole('button', { name: "Renvoyer le courriel d'activation" })
	).toBeVisible();
});

test('changing the password keeps this session and signs the others out', async ({
	page,
	browser
}) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	const other = await browser.newPage();
	await signIn(other, parent.username, parent.password);
	await expect(other).toHaveURL(/\/espace$/);

	await signIn(page, parent.username, parent.password);
	await page.getByRole('link', { name: 'Identifiants', exact: true }).click();
	await page.getByLabel('Mot de passe actuel').fill(parent.password);
	const newPassword = strongPassword();
	await page.getByLabel('Nouveau mot de passe').fill(newPassword);
	await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
	await expect(page.getByText('vos autres sessions')).toBeVisible();

	await page.goto('/espace/profil');
	await expect(page.getByLabel('Nom usuel')).toHaveValue(parent.lastName);

	await other.goto('/espace/profil');
	await expect(other).toHaveURL(/\/\?retour=%2Fespace%2Fprofil$/);
	await other.close();
});

test('the signed-in menu offers EDITION DE DOCUMENTS', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	const menu = page.getByRole('navigation', { name: 'Menu principal' });
	await menu.getByRole('link', { name: 'Edition de documents' }).click();
	await expect(page.getByRole('heading', { name: 'Edition de documents' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Attestation fiscale' })).toBeVisible();
});

test('a space not yet activated can ask for a new activation mail from the sign-in', async ({
	page
}) => {
	const parent = makeParent();
	await registerThroughApi(page, parent);
	await waitForMail({ to: parent.email, subject: 'Activez' });
	await signIn(page, parent.username, parent.password);
	await expect(page.getByRole('alert').filter({ hasText: /activ/i }).first()).toBeVisible();
	const resend = page.getByRole('form', { name: "Renvoyer le courriel d'activation" });
	await resend.getByLabel('Courriel').fill(parent.email);
	await resend.getByRole('button', { name: "Renvoyer le courriel d'activation" }).click();
	await expect(page.getByText("Si un espace en attente d'activation")).toBeVisible();
	await waitForMail({ to: parent.email, subject: 'Activez', nth: 1 });
});

test('a username already taken is refused next to its field', async ({ page }) => {
	const first = makeParent();
	await registerThroughApi(page, first);
	const second = makeParent({ username: first.username });
	await acceptCgu(page);
	await fillRegistration(page, second);
	await page.getByRole('button', { name: 'Créer mon espace' }).click();
	const username = page.getByLabel("Identifiant d'utilisateur");
	await expect(username).toHaveAttribute('aria-invalid', 'true');
	await expect(username).toHaveAccessibleDescription(/identifiant/i);
});

test('changing the e-mail asks the password and takes effect once the new address confirms', async ({
	page
}) => {
	const parent = makeParent();
	const newEmail = `nouveau-${parent.username}@test.localhost`;
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await page.getByRole('link', { name: 'Identifiants', exact: true }).click();
	await page.getByLabel('Nouveau courriel').fill(newEmail);
	await page.getByLabel('Votre mot de passe').fill('Pas-le-bon-1');
	await page.getByRole('button', { name: 'Modifier mon courriel' }).click();
	await expect(page.getByText('Le mot de passe actuel est incorrect.').first()).toBeVisible();
	await page.getByLabel('Votre mot de passe').fill(parent.password);
	await page.getByRole('button', { name: 'Modifier mon courriel' }).click();
	await expect(page.getByText(`Un lien de confirmation a été envoyé à ${newEmail}.`)).toBeVisible();

	const notice = await waitForMail({ to: parent.email, subject: 'Demande de changement' });
	expect(notice.text).toContain(newEmail);
	await page.goto('/espace/profil');
	await expect(page.getByText(`Courriel : ${parent.email}`)).toBeVisible();
	await expect(page.getByText(/Un lien de confirmation a été envoyé à/)).toContainText(newEmail);

	const confirmation = await waitForMail({ to: newEmail, subject: 'Confirmez' });
	const link = linkContaining(confirmation, '/confirmer-courriel/');
	await page.goto(link);
	await expect(page.getByText('Votre courriel est modifié.')).toBeVisible();
	await page.goto('/espace/profil');
	await expect(page.getByText(`Courriel : ${newEmail}`)).toBeVisible();
	await page.goto(link);
	await expect(page).toHaveTitle(/Confirmation impossible/);
	await expect(page.getByRole('alert')).toContainText('déjà été utilisé');
});

test('the show-password control is a 44 px toggle button that says what it will do', async ({
	page
}) => {
	await page.goto('/');
	const field = page.getByLabel('Mot de passe', { exact: false }).first();
	await field.fill('Secret-Essai-1');
	const toggle = page.getByRole('button', { name: /Afficher le mot de passe/ });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	const box = (await toggle.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(44);
	await toggle.click();
	const pressed = page.getByRole('button', { name: /Masquer le mot de passe/ });
	await expect(pressed).toHaveAttribute('aria-pressed', 'true');
	await expect(field).toHaveAttribute('type', 'text');
	await pressed.click();
	await expect(page.getByRole('button', { name: /Afficher le mot de passe/ })).toBeVisible();
	await expect(field).toHaveAttribute('type', 'password');
});

test('a new password gets a strength meter that says in French why it is weak', async ({
	page
}) => {
	await acceptCgu(page);
	const password = page.getByLabel('Mot de passe', { exact: false }).first();
	await password.fill('Azerty123!');
	const verdict = page.locator('[aria-live="polite"]').filter({ hasText: 'Solidité' });
	await expect(verdict).toContainText('trop facile à deviner');
	await password.fill(`Girafe-${Date.now()}-Lavande`);
	await expect(verdict).toContainText('difficile à deviner');
});
