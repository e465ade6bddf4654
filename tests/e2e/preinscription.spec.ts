// Issue 8 item 4 — « JE SOUHAITE PRÉINSCRIRE MON ENFANT EN CRÈCHE », as a new parent follows the
// guide: the child is declared first (Mon entourage), then Ma démarche → COMMENCER → child and
// wished date → three structures (AJOUTER UN CHOIX) and Observations → a supporting document
// scanned now from a photo file → the questionnaire with its messages → review → VALIDER →
// « DEMANDE N° ». Then the same offline: network cut before step 1, reload mid-way, VALIDER
// offline → « En attente d’envoi », network back → the number arrives by itself.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { parentDeclaresChild } from './support/desk';
import { photoJpeg } from './support/jpeg';
import { waitForWorkerControl } from './support/pwa';

const BACK_ONLINE_MS = 40_000;
const STRUCTURE = (name: string) => `Accueil Petite enfance - EAJE ${name} - Liste d'attente`;

const summary = (page: Page) =>
	page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });

/** A new parent whose child Léa MARTIN is declared (Mon entourage), back on Mon accueil. */
async function newParentWithDeclaredChild(page: Page) {
	await parentDeclaresChild(page);
	await page.goto('/espace');
}

async function openMaDemarche(page: Page) {
	await page.getByRole('link', { name: 'Préinscrire mon enfant en crèche' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Ma démarche/ })).toBeVisible();
	await expect(
		page.getByText(
			"Pour préinscrire mon enfant, je dois au préalable l'avoir déclaré dans mon entourage."
		)
	).toBeVisible();
}

async function childAndDate(page: Page) {
	await page.getByRole('radio', { name: /Léa MARTIN/ }).check();
	await page.getByLabel(/Date d’entrée souhaitée/).fill('2027-09-01');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(page.getByRole('heading', { name: /Étape 2 sur 4/ })).toBeVisible();
}

async function threeChoices(page: Page) {
	await page.getByLabel(/Choix 1/).selectOption({ label: STRUCTURE('Cocon de Soie') });
	await page.getByRole('button', { name: 'Ajouter un choix' }).click();
	await expect(page.getByLabel(/Choix 2/)).toBeFocused();
	await page.getByLabel(/Choix 2/).selectOption({ label: STRUCTURE('Fleur de Pyrus') });
	await page.getByRole('button', { name: 'Ajouter un choix' }).click();
	await page.getByLabel(/Choix 3/).selectOption({ label: STRUCTURE("Grain d'Aile") });
	await expect(page.getByRole('button', { name: 'Ajouter un choix' })).toHaveCount(0);
	await page.getByLabel('Observations').fill('Également la crèche Graine de Malice.');
	await page.getByRole('button', { name: 'Aller à l’étape 3' }).click();
	await expect(page.getByRole('heading', { name: /Étape 3 sur 4/ })).toBeVisible();
}

async function questionnaire(page: Page) {
	await page.getByRole('button', { name: 'Vérifier ma demande' }).click();
	await expect(summary(page)).toBeFocused();
	await expect(summary(page)).toContainText('Au moins une option doit être choisie.');
	await expect(summary(page)).toContainText('Au moins une case doit être cochée.');
	await expectNoA11yViolations(page, 'questionnaire en erreur');
	await page.getByRole('radio', { name: 'Oui' }).check();
	await page.getByRole('checkbox', { name: 'Parent 1 travaille ou suit une formation' }).check();
	await page.getByRole('button', { name: 'Vérifier ma demande' }).click();
	await expect(page.getByRole('heading', { name: 'Je vérifie ma demande' })).toBeVisible();
}

test('a new parent pre-registers a declared child with three choices, a scanned document and the questionnaire', async ({
	page
}) => {
	test.setTimeout(180_000);
	await newParentWithDeclaredChild(page);
	await openMaDemarche(page);
	await expectNoA11yViolations(page, 'Ma démarche');
	await page.getByRole('button', { name: 'Commencer' }).click();
	await expect(page.getByRole('heading', { name: /Étape 1 sur 4/ })).toBeVisible();

	// Nothing filled in: the messages, focus on the summary, nothing moves on.
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(summary(page)).toBeFocused();
	await expect(summary(page)).toContainText('Choisissez l’enfant à préinscrire.');
	await expect(summary(page)).toContainText(
		'Le champ « Date d’entrée souhaitée » est obligatoire.'
	);
	await page.getByLabel(/Date d’entrée souhaitée/).fill('2020-01-01');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(summary(page)).toContainText(
		'La date d’entrée souhaitée ne peut pas être une date passée.'
	);
	await expectNoA11yViolations(page, 'étape 1 en erreur');
	await childAndDate(page);
	await expectNoA11yViolations(page, 'étape 2');
	await threeChoices(page);

	// A birth certificate scanned now, from a photo file: it goes to the vault and is ticked.
	await page.getByRole('button', { name: 'Numériser une pièce' }).click();
	await page.getByLabel('Choisir un fichier').setInputFiles({
		name: 'acte.jpg',
		mimeType: 'image/jpeg',
		buffer: await photoJpeg(page, 2400, 1800)
	});
	await expect(page.getByRole('img', { name: 'Page 1' })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByLabel(/Type de pièce/)).toHaveValue('birthCertificate');
	await page.getByRole('button', { name: 'Enregistrer la pièce' }).click();
	await expect(page.getByRole('checkbox', { name: /Extrait d’acte de naissance/ })).toBeChecked();
	await expectNoA11yViolations(page, 'étape 3');
	await page.getByRole('button', { name: 'Aller à l’étape 4' }).click();
	await expect(page.getByText('Parent 1 = référent allocataire CAF ou MSA')).toBeVisible();
	await questionnaire(page);

	const review = page.locator('dl');
	await expect(review).toContainText('Léa MARTIN');
	await expect(review).toContainText('01/09/2027');
	await expect(review).toContainText(STRUCTURE("Grain d'Aile"));
	await expect(review).toContainText('Extrait d’acte de naissance');
	await expectNoA11yViolations(page, 'vérification');
	await page.getByRole('button', { name: 'VALIDER' }).click();

	await expect(
		page.getByRole('heading', { name: 'Nous avons bien enregistré votre demande' })
	).toBeVisible();
	const confirmation = page.getByRole('region', {
		name: 'Nous avons bien enregistré votre demande'
	});
	await expect(confirmation.getByText(/^DEMANDE N° \d+$/)).toBeVisible({ timeout: 20_000 });
	await expect(confirmation.getByText('Préinscription en crèche', { exact: true })).toBeVisible();
	await expect(confirmation.getByText('Léa MARTIN', { exact: false })).toBeVisible();
	await expect(confirmation.getByText('Déposée', { exact: true })).toBeVisible();
	await expect(
		confirmation.getByText(/prochaine commission en (mars|juin|septembre|décembre) \d{4}/)
	).toBeVisible();
	await expectNoA11yViolations(page, 'confirmation');
});

test('offline: the pre-registration is made with no network, survives a reload and gets its number when the network returns', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	await newParentWithDeclaredChild(page);
	await waitForWorkerControl(page);
	await openMaDemarche(page);
	// Ma démarche keeps the structures on the device while online: wait until they are there.
	await page.waitForFunction(() => (localStorage.getItem('ef:structures') ?? '[]').length > 2);

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Commencer' }).click();
	await expect(page.getByRole('heading', { name: /Étape 1 sur 4/ })).toBeVisible();
	await page.getByRole('radio', { name: /Léa MARTIN/ }).check();
	await page.getByLabel(/Date d’entrée souhaitée/).fill('2027-09-01');
	await expect(page.getByText('Brouillon enregistré sur cet appareil')).toBeVisible();

	// Reloaded mid-way: the draft is there, at its step, with what was chosen.
	await page.reload();
	await expect(page.getByRole('heading', { name: /Étape 1 sur 4/ })).toBeVisible();
	await expect(page.getByRole('radio', { name: /Léa MARTIN/ })).toBeChecked();
	await expect(page.getByLabel(/Date d’entrée souhaitée/)).toHaveValue('2027-09-01');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await threeChoices(page);
	await page.getByRole('button', { name: 'Aller à l’étape 4' }).click();
	await questionnaire(page);
	await page.getByRole('button', { name: 'VALIDER' }).click();
	await expect(
		page.getByRole('heading', { name: 'Nous avons bien enregistré votre demande' })
	).toBeVisible();
	await expect(page.getByText('En attente d’envoi', { exact: true }).first()).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText(/^DEMANDE N° \d+$/)).toBeVisible({ timeout: BACK_ONLINE_MS });
	await expect(page.getByText('Déposée', { exact: true })).toBeVisible();
});
