// Issue 7 item 6 — what a new parent noticed on a phone: confirmations off screen, the install
// panel, small tap targets, reused mail links, coming back after sign-in, the MON ESPACE card,
// the staff landing page and the storage screen.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { makeParent, strongPassword } from './support/factories';
import { createAndActivate, signIn } from './support/journeys';
import { linkContaining, waitForMail } from './support/mailbox';
import { PwaServer } from './support/pwa-server';

const PHONE = { width: 390, height: 844 };

async function signedInParent(page: Page) {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	return parent;
}

async function expectTapTarget(target: Locator, name: string) {
	const box = await target.boundingBox();
	expect(box, `${name} is laid out`).not.toBeNull();
	expect(box!.width, `${name} width`).toBeGreaterThanOrEqual(44);
	expect(box!.height, `${name} height`).toBeGreaterThanOrEqual(44);
}

/** Makes Chromium offer installation, as it does for an installable site. */
async function offerInstall(page: Page) {
	await page.waitForFunction(() => document.querySelector('.pwa-shell') !== null);
	await page.evaluate(() => {
		const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {},
			userChoice: Promise.resolve({ outcome: 'dismissed' })
		});
		window.dispatchEvent(event);
	});
}

test.use({ viewport: PHONE });

test('after Enregistrer on Profil, focus moves to the confirmation, announced and in view', async ({
	page
}) => {
	await signedInParent(page);
	await page.goto('/espace/profil');
	await expect(page.getByTestId('announcer')).toBeAttached();
	await page.getByLabel('Mobile').fill('07 98 76 54 32');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	const focused = page.locator(':focus');
	await expect(focused).toContainText('Vos modifications ont été enregistrées.');
	await expect(focused).toBeInViewport();
	await expect(page.getByTestId('announcer')).toHaveText('Vos modifications ont été enregistrées.');
	await expectNoA11yViolations(page, '/espace/profil (saved)');
});

test('after changing the password on Identifiants, focus moves to the confirmation', async ({
	page
}) => {
	const parent = await signedInParent(page);
	await page.goto('/espace/identifiants');
	await page.getByLabel('Mot de passe actuel').fill(parent.password);
	await page.getByLabel('Nouveau mot de passe').fill(strongPassword());
	await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
	const focused = page.locator(':focus');
	await expect(focused).toContainText('Votre mot de passe a été modifié.');
	await expect(focused).toBeInViewport();
	await expect(
		page.getByTestId('announcer').filter({ hasText: 'Votre mot de passe a été modifié.' })
	).toHaveCount(1);
});

test('the install panel is a small bar and stays dismissed after "Plus tard" across pages', async ({
	page
}) => {
	await page.goto('/');
	await offerInstall(page);
	const panel = page.getByTestId('pwa-install');
	await expect(panel.getByRole('button', { name: "Installer l'application" })).toBeVisible();
	const box = await panel.boundingBox();
	expect(box!.height, 'install panel height').toBeLessThanOrEqual(PHONE.height * 0.15);
	await panel.getByRole('button', { name: 'Plus tard' }).click();
	await expect(panel).toHaveCount(0);

	for (const path of ['/actualites', '/mot-de-passe-oublie', '/']) {
		await page.goto(path);
		await offerInstall(page);
		await expect(page.locator('h1')).toBeVisible();
		await expect(page.getByTestId('pwa-install'), `install panel on ${path}`).toHaveCount(0);
	}
});

test('the MON ESPACE links, the status bar "Détails" and radio buttons are 44 px targets', async ({
	page
}) => {
	await signedInParent(page);
	const card = page.getByRole('region', { name: 'Mon espace' });
	for (const name of ['Profil', 'Identifiants', 'Entourage'])
		await expectTapTarget(card.getByRole('link', { name, exact: true }), name);
	const details = page.getByTestId('pwa-status').getByRole('link', { name: 'Détails' });
	await expect(details).toBeVisible();
	await expectTapTarget(details, 'Détails');

	await page.goto('/espace/profil');
	for (const name of ['Madame', 'Monsieur'])
		await expectTapTarget(page.getByRole('radio', { name, exact: true }), `radio ${name}`);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		PHONE.width
	);
});

test('a reused activation link says it once, in one clear message', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	const mail = await waitForMail({ to: parent.email, subject: 'Activez' });
	await page.goto(linkContaining(mail, '/activation/'));
	await expect(page).toHaveTitle(/Activation impossible/);
	await expect(page.getByText(/déjà été utilisé/)).toHaveCount(1);
	await expect(page.getByText(/connectez-vous/i)).toHaveCount(1);
	await expectNoA11yViolations(page, '/activation (reused)');
});

test('a reused reset link shows the message instead of the form', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await page.request.post('/api/auth/password-reset/request', { data: { email: parent.email } });
	const mail = await waitForMail({ to: parent.email, subject: 'Réinitialisation' });
	const link = linkContaining(mail, '/reinitialiser/');
	await page.goto(link);
	await page.getByLabel('Nouveau mot de passe').fill(strongPassword());
	await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
	await expect(page.locator(':focus')).toContainText('Votre mot de passe a été modifié.');

	await page.goto(link);
	await expect(page.getByText(/a déjà été utilisé/)).toBeVisible();
	await expect(page.getByLabel('Nouveau mot de passe')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Demander un nouveau lien' })).toBeVisible();
	await expectNoA11yViolations(page, '/reinitialiser (reused)');
});

test('sent to sign in from a page, the parent comes back to that page', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await page.goto('/espace/identifiants');
	await expect(page).toHaveURL(/\/\?retour=%2Fespace%2Fidentifiants$/);
	await expect(page.getByText('Connectez-vous pour accéder à votre espace.')).toBeVisible();
	await page.getByLabel('Identifiant').fill(parent.username);
	await page.getByLabel('Mot de passe', { exact: false }).first().fill(parent.password);
	await page.getByRole('button', { name: 'Connexion' }).click();
	await expect(page).toHaveURL(/\/espace\/identifiants$/);
	await expect(page.getByRole('heading', { name: 'Mes identifiants' })).toBeVisible();
});

test('a return address off the site is ignored after sign-in', async ({ page }) => {
	const parent = makeParent();
	await createAndActivate(page, parent);
	for (const retour of ['//example.org/espace', 'https://example.org/espace', '/\\example.org']) {
		await page.goto(`/?retour=${encodeURIComponent(retour)}`);
		await page.getByLabel('Identifiant').fill(parent.username);
		await page.getByLabel('Mot de passe', { exact: false }).first().fill(parent.password);
		await page.getByRole('button', { name: 'Connexion' }).click();
		await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/espace$/);
		await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
		await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
	}
});

test('the MON ESPACE card shows Bâtiment and Appartement', async ({ page }) => {
	await signedInParent(page);
	await page.goto('/espace/profil');
	await page.getByLabel('Bâtiment').fill('B2');
	await page.getByLabel('Appartement').fill('14');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText('Vos modifications ont été enregistrées.')).toBeVisible();
	await page.getByRole('link', { name: 'Retour à mon accueil' }).click();
	const card = page.getByRole('region', { name: 'Mon espace' });
	await expect(card).toContainText('Bâtiment B2');
	await expect(card).toContainText('Appartement 14');
});

test('the storage screen reads plainly on a phone and leads back to Mon accueil', async ({
	page
}) => {
	await signedInParent(page);
	await page.getByTestId('pwa-status').getByRole('link', { name: 'Détails' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		PHONE.width
	);
	await expect(page.getByText(/diagnostic|quota|durable/i)).toHaveCount(0);
	await page.getByRole('link', { name: 'Retour à mon accueil' }).click();
	await expect(page).toHaveURL(/\/espace$/);
});

test.describe('staff account', () => {
	let server: PwaServer;
	test.beforeAll(async () => {
		server = await PwaServer.start(process.cwd());
	});
	test.afterAll(async () => server?.dispose());
	test.use({ baseURL: undefined });

	test('lands on the staff desk’s inbox, not the family dashboard, and is kept out of /espace', async ({
		page
	}) => {
		await page.goto(`${server.baseUrl}/`);
		await page.getByLabel('Identifiant').fill('agent.demo');
		await page.getByLabel('Mot de passe', { exact: false }).first().fill('Demo-Agent-2026');
		await page.getByRole('button', { name: 'Connexion' }).click();
		await expect(page).toHaveURL(/\/agent$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Boîte de réception');
		await expect(page.getByRole('navigation', { name: 'Espace agent' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Mon espace' })).toHaveCount(0);
		await expectNoA11yViolations(page, '/agent');

		await page.goto(`${server.baseUrl}/espace`);
		await expect(page).toHaveURL(/\/agent$/);
		await page.goto(`${server.baseUrl}/espace/profil`);
		await expect(page).toHaveURL(/\/agent$/);
		await page.goto(`${server.baseUrl}/creer-mon-espace`);
		await expect(page).toHaveURL(/\/agent$/);
	});
});
