// Issue 7 item 7 — what a keyboard-only audit found (RGAA 4.1 / WCAG 2.2): the status bar
// hiding focused elements (2.4.11), success messages announced and focused, required fields
// marked, and an accessibility statement that says what RGAA asks.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { makeParent } from './support/factories';
import { createAndActivate, signIn } from './support/journeys';

const PHONE = { width: 390, height: 844 };

/**
 * Tabs through the page and, for every focused element, checks that the fixed status bar at
 * the bottom does not cover any part of it. Returns how many elements were checked.
 */
async function tabThroughWithoutOverlap(page: Page, label: string, maxTabs = 60) {
	const bar = page.locator('.pwa-shell');
	await expect(page.getByTestId('pwa-status')).not.toBeEmpty();
	await page.locator('body').focus();
	const seen = new Set<string>();
	for (let i = 0; i < maxTabs; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body) return null;
			const r = el.getBoundingClientRect();
			const path = `${el.tagName}#${el.id}.${el.textContent?.trim().slice(0, 30)}`;
			return { path, top: r.top, bottom: r.bottom, inShell: !!el.closest('.pwa-shell') };
		});
		if (!focused) break;
		if (seen.has(focused.path)) break; // wrapped around
		seen.add(focused.path);
		if (focused.inShell) continue;
		const barBox = await bar.boundingBox();
		expect(barBox).not.toBeNull();
		expect(
			focused.bottom,
			`${label}: "${focused.path}" (bottom ${focused.bottom}) is under the status bar (top ${barBox!.y})`
		).toBeLessThanOrEqual(barBox!.y + 0.5);
	}
	return seen.size;
}

async function signedInParent(page: Page) {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	return parent;
}

test.describe('on a phone', () => {
	test.use({ viewport: PHONE });

	test('the status bar never hides the focused element on signed-in pages', async ({ page }) => {
		await signedInParent(page);
		for (const path of ['/espace', '/espace/profil', '/espace/identifiants', '/espace/stockage']) {
			await page.goto(path);
			await expect(page.locator('h1')).toBeVisible();
			const checked = await tabThroughWithoutOverlap(page, path);
			expect(checked, `${path}: tabbed through`).toBeGreaterThan(5);
		}
	});
});

test('the forgotten-password confirmation gets the focus and is announced', async ({ page }) => {
	await page.goto('/mot-de-passe-oublie');
	await expect(page.getByTestId('announcer')).toBeAttached();
	await page.getByLabel('Courriel').fill(makeParent().email);
	await page.getByRole('button', { name: 'Recevoir un lien' }).click();
	await expect(page.locator(':focus')).toContainText('Si un espace correspond à cette adresse');
	await expect(page.getByTestId('announcer')).toContainText(
		'Si un espace correspond à cette adresse'
	);
	await expectNoA11yViolations(page, '/mot-de-passe-oublie (sent)');
});

test('the activation confirmation gets the focus and is announced', async ({ page }) => {
	await createAndActivate(page, makeParent());
	await expect(page.locator(':focus')).toContainText('Votre espace est activé.');
	await expect(page.getByTestId('announcer')).toContainText('Votre espace est activé.');
});

test('the sign-in form and the CGU step mark their required fields', async ({ page }) => {
	await page.goto('/');
	const login = page.getByRole('form', { name: 'Mon espace perso' });
	await expect(
		login.getByText("Les champs marqués d'un astérisque (*) sont obligatoires.")
	).toBeVisible();
	for (const field of [
		login.getByLabel('Identifiant'),
		login.getByLabel('Mot de passe', { exact: false }).first()
	]) {
		await expect(field).toHaveAttribute('aria-required', 'true');
		await expect(field).toHaveAccessibleName(/obligatoire/);
	}
	await expect(login.locator('label .star')).toHaveCount(2);

	await page.goto('/creer-mon-espace');
	const box = page.getByRole('checkbox', { name: /J'accepte les conditions générales/ });
	await expect(box).toHaveAttribute('aria-required', 'true');
	await expect(box).toHaveAccessibleName(/obligatoire/);
	await expect(
		page.getByText("Les champs marqués d'un astérisque (*) sont obligatoires.")
	).toBeVisible();
	await expect(page.locator('label[for="f-acceptCgu"] .star')).toBeVisible();
	await expectNoA11yViolations(page, '/creer-mon-espace step 1 (required marks)');
});

test('the accessibility statement says what RGAA asks', async ({ page }) => {
	await page.goto('/accessibilite');
	const main = page.getByRole('main');
	await expect(main).toContainText('non conforme');
	await expect(main).not.toContainText('partiellement conforme');
	await expect(main).toContainText(/aucun audit/i);
	await expect(main.getByRole('heading', { name: /Environnement de test/i })).toBeVisible();
	await expect(main.getByRole('heading', { name: /Pages (testées|vérifiées)/i })).toBeVisible();
	await expect(main).toContainText(/schéma pluriannuel/i);
	await expect(main.getByRole('link', { name: /@/ })).toHaveAttribute('href', /^mailto:/);
	await expect(main).toContainText('Défenseur des droits');
	await expectNoA11yViolations(page, '/accessibilite');
});
