// Helpers of the staff desk's journeys: an agent's own browser context, a parent's entourage
// declaration (a numbered request with one declared child).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_AGENT, makeParent } from './factories';
import { createAndActivate, signIn } from './journeys';

/**
 * A signed-in agent (or admin: pass E2E_ADMIN) in a browser context of its own (close it with
 * `page.context().close()`).
 */
export async function agentPage(
	browser: Browser,
	account: { username: string; password: string } = E2E_AGENT
): Promise<Page> {
	const { baseURL, locale, timezoneId } = test.info().project.use;
	const context = await browser.newContext({ baseURL, locale, timezoneId });
	const agent = await context.newPage();
	await signIn(agent, account.username, account.password);
	await expect(agent).toHaveURL(/\/agent$/);
	return agent;
}

/** A new parent declares one child (Léa MARTIN); resolves to the request's number. */
export async function parentDeclaresChild(page: Page, parent = makeParent()): Promise<number> {
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	await page.goto('/espace/entourage');
	await page.getByRole('button', { name: 'Déclarer mon entourage' }).click();
	await page.getByRole('button', { name: 'Commencer' }).click();
	await page.getByRole('button', { name: 'Ajouter un membre' }).click();
	await page.getByRole('radio', { name: 'Membre foyer (enfant)' }).check();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill('Martin');
	await page.getByRole('textbox', { name: /Prénom/ }).fill('Léa');
	await page.getByLabel(/Date de naissance/).fill('2025-03-02');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await page.getByRole('button', { name: 'Enregistrer ce membre' }).click();
	await page.getByRole('button', { name: 'Vérifier et valider ma déclaration' }).click();
	await page.getByRole('button', { name: 'VALIDER' }).click();
	const number = page.getByText(/^DEMANDE N° \d+$/);
	await expect(number).toBeVisible({ timeout: 30_000 });
	return Number((await number.textContent())!.replace(/\D/g, ''));
}

/** What a pre-registration of Léa (validated) says: entry date, one structure, the questionnaire. */
export interface LeaPreRegistration {
	wished: string;
	/** The structure's name, e.g. « Cocon de Soie ». */
	structure: string;
	/** « Domicile dans l’agglomération » (default: yes). */
	resident?: boolean;
	/** The professional situation's boxes (default: parent 1 works). */
	working?: string[];
}

/** The parent pre-registers Léa; resolves once the confirmation shows (sent, or waiting offline). */
export async function preRegisterLea(page: Page, r: LeaPreRegistration): Promise<void> {
	await page.goto('/espace/demarches/preinscription-creche');
	await page.getByRole('button', { name: 'Commencer' }).click();
	await page.getByRole('radio', { name: /Léa MARTIN .*— validé/ }).check();
	await page.getByLabel(/Date d’entrée souhaitée/).fill(r.wished);
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await page
		.getByLabel(/Choix 1/)
		.selectOption({ label: `Accueil Petite enfance - EAJE ${r.structure} - Liste d'attente` });
	await page.getByRole('button', { name: 'Aller à l’étape 3' }).click();
	await page.getByRole('button', { name: 'Aller à l’étape 4' }).click();
	await page.getByRole('radio', { name: r.resident === false ? 'Non' : 'Oui' }).check();
	for (const box of r.working ?? ['Parent 1 travaille ou suit une formation'])
		await page.getByRole('checkbox', { name: box }).check();
	await page.getByRole('button', { name: 'Vérifier ma demande' }).click();
	await page.getByRole('button', { name: 'VALIDER' }).click();
	await expect(page.getByText('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE')).toBeVisible();
}

/** The number the confirmation shows (once the network returns, for one sent offline). */
export async function requestNumberShown(page: Page, timeout = 40_000): Promise<number> {
	const shown = page.getByText(/^DEMANDE N° \d+$/);
	await expect(shown).toBeVisible({ timeout });
	return Number((await shown.textContent())!.replace(/\D/g, ''));
}
