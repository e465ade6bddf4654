// Issue 8 item 3 — « JE SOUHAITE AJOUTER UN MEMBRE DE MA FAMILLE », as a new parent follows the
// guide: Mon espace → Entourage → Déclarer mon entourage → Commencer → « + » → Membre foyer
// (enfant) → profile (étape 1) → pièces jointes (étape 2) → review → VALIDER → the request number.
// Then the same offline: network cut before step 1, reload mid-way, VALIDER offline, the number
// arrives by itself when the network returns.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { makeParent } from './support/factories';
import { createAndActivate, signIn } from './support/journeys';
import { enableDiagnostics, uuid, waitForWorkerControl, writeLocalDoc } from './support/pwa';

const BACK_ONLINE_MS = 40_000;
const ONE_PIXEL_PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const CHILD = { lastName: 'Martin', firstNames: 'Léa', birthDate: '2024-03-02' };

async function newParentAtMonEntourage(page: Page) {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	await page
		.getByRole('region', { name: 'Mon espace' })
		.getByRole('link', { name: 'Entourage', exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mon entourage' })).toBeVisible();
	return parent;
}

async function startDeclaration(page: Page) {
	await page.getByRole('button', { name: 'Déclarer mon entourage' }).click();
	await expect(page.getByText("L'ajout de pièces jointes n'est pas obligatoire.")).toBeVisible();
	await page.getByRole('button', { name: 'Commencer' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: /déclarer mon entourage/i })
	).toBeVisible();
}

async function addChildType(page: Page) {
	await page.getByRole('button', { name: 'Ajouter un membre' }).click();
	await expect(page.getByRole('heading', { name: 'Ajouter un membre' })).toBeFocused();
	await expectNoA11yViolations(page, 'type de membre');
	await page.getByRole('radio', { name: 'Membre foyer (enfant)' }).check();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await expect(page.getByRole('heading', { name: 'Étape 1 sur 2 : profil' })).toBeVisible();
}

const memberList = (page: Page) =>
	page.getByRole('list', { name: 'Membres de ma déclaration' }).getByRole('listitem');

const errorSummary = (page: Page) =>
	page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });

async function finishAndReview(page: Page) {
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(page.getByRole('heading', { name: 'Étape 2 sur 2 : pièces jointes' })).toBeVisible();
	await expect(page.getByText("L'ajout de pièces jointes n'est pas obligatoire.")).toBeVisible();
	await expectNoA11yViolations(page, 'étape 2');
	await page.getByRole('button', { name: 'Enregistrer ce membre' }).click();
	await expect(memberList(page).filter({ hasText: 'Léa MARTIN' })).toContainText(
		'Membre foyer (enfant)'
	);
	await expectNoA11yViolations(page, 'liste des membres');
	await page.getByRole('button', { name: 'Vérifier et valider ma déclaration' }).click();
	const member = page.getByRole('region', { name: 'Membre 1 : Léa MARTIN' });
	await expect(member).toContainText('Date de naissance');
	await expect(member).toContainText('02/03/2024');
	await expect(member).toContainText('Aucune');
	await expectNoA11yViolations(page, 'vérification');
}

test('a new parent declares a child and sees the request number', async ({ page }) => {
	await newParentAtMonEntourage(page);
	await expect(page.getByText('Vous n’avez encore déclaré aucun membre')).toBeVisible();
	await expectNoA11yViolations(page, 'Mon entourage');
	await startDeclaration(page);
	await expectNoA11yViolations(page, 'DÉCLARER MON ENTOURAGE');

	// Nothing chosen: the type is asked for.
	await page.getByRole('button', { name: 'Ajouter un membre' }).click();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await expect(errorSummary(page)).toBeFocused();
	await expect(errorSummary(page)).toContainText('Choisissez le type de membre à ajouter.');
	await page.getByRole('radio', { name: 'Membre foyer (enfant)' }).check();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await expect(page.getByRole('heading', { name: 'Étape 1 sur 2 : profil' })).toBeVisible();
	await expectNoA11yViolations(page, 'étape 1');

	// Bad input: each field says what is wrong, the focus goes to the errors, nothing moves on.
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(errorSummary(page)).toBeFocused();
	await expect(errorSummary(page)).toContainText('Le champ « Nom » est obligatoire.');
	await expect(errorSummary(page)).toContainText('Le champ « Date de naissance » est obligatoire.');
	await expect(page.getByLabel('Nom', { exact: false }).first()).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectNoA11yViolations(page, 'étape 1 en erreur');
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill(CHILD.lastName);
	await page.getByRole('textbox', { name: /Prénom/ }).fill(CHILD.firstNames);
	await page.getByLabel(/Date de naissance/).fill('2099-01-01');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(errorSummary(page)).toContainText(
		'La date de naissance ne peut pas être dans le futur.'
	);
	await expect(page.getByRole('heading', { name: 'Étape 1 sur 2 : profil' })).toBeVisible();
	await page.getByLabel(/Date de naissance/).fill(CHILD.birthDate);
	await finishAndReview(page);

	// Before VALIDER: a second member (a contact) is added, then removed; the child is modified.
	await page.getByRole('button', { name: 'Précédent' }).click();
	await page.getByRole('button', { name: 'Ajouter un membre' }).click();
	await page.getByRole('radio', { name: 'Contact (personne autorisée)' }).check();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill('Durand');
	await page.getByRole('textbox', { name: /Prénom/ }).fill('Mireille');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(errorSummary(page)).toContainText('Le champ « Téléphone » est obligatoire.');
	await expect(errorSummary(page)).toContainText(
		'Le champ « Lien avec l’enfant » est obligatoire.'
	);
	await page.getByRole('textbox', { name: /Téléphone/ }).fill('06 12 34 56 78');
	await page.getByRole('textbox', { name: /Lien avec l’enfant/ }).fill('Grand-parent');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await page.getByRole('button', { name: 'Enregistrer ce membre' }).click();
	await expect(memberList(page)).toHaveText([/Léa MARTIN/, /Mireille DURAND/]);
	await page.getByRole('button', { name: 'Supprimer le membre 2 : Mireille DURAND' }).click();
	await expect(memberList(page)).toHaveText([/Léa MARTIN/]);
	await page.getByRole('button', { name: 'Vérifier et valider ma déclaration' }).click();
	await page.getByRole('button', { name: 'Modifier le membre 1 : Léa MARTIN' }).click();
	await page.getByRole('textbox', { name: /Prénom/ }).fill('Léa Rose');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await page.getByRole('button', { name: 'Enregistrer ce membre' }).click();
	await page.getByRole('button', { name: 'Vérifier et valider ma déclaration' }).click();
	await expect(page.getByRole('region', { name: 'Membre 1 : Léa Rose MARTIN' })).toBeVisible();
	await expect(page.getByRole('region', { name: /Membre 2/ })).toHaveCount(0);

	await page.getByRole('button', { name: 'VALIDER' }).click();
	await expect(
		page.getByRole('heading', {
			name: 'Ma demande a bien été enregistrée et transmise au service pour traitement'
		})
	).toBeVisible();
	await expect(page.getByText(/^DEMANDE N° \d+$/)).toBeVisible();
	await expect(
		page.getByText('Je peux dès à présent faire une demande de préinscription pour mon enfant.')
	).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Faire une demande de préinscription en crèche' })
	).toHaveAttribute('href', '/espace/demarches/preinscription-creche');
	await expectNoA11yViolations(page, 'confirmation');

	await page.getByRole('link', { name: 'Retour à Mon entourage' }).first().click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Léa Rose MARTIN' })).toContainText(
		'En attente de validation'
	);
});

test('offline: the declaration is made with no network, survives a reload and gets its number when the network returns', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await newParentAtMonEntourage(page);
	await waitForWorkerControl(page);

	await context.setOffline(true);
	await startDeclaration(page);
	await addChildType(page);
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill(CHILD.lastName);
	await page.getByRole('textbox', { name: /Prénom/ }).fill(CHILD.firstNames);
	await expect(page.getByText('Brouillon enregistré sur cet appareil')).toBeVisible();

	// The tab is reloaded mid-way: the draft is there, at its step, with what was typed.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Étape 1 sur 2 : profil' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: /^\*?\s*Nom/ })).toHaveValue(CHILD.lastName);
	await expect(page.getByRole('textbox', { name: /Prénom/ })).toHaveValue(CHILD.firstNames);
	await page.getByLabel(/Date de naissance/).fill(CHILD.birthDate);
	await finishAndReview(page);

	await page.getByRole('button', { name: 'VALIDER' }).click();
	await expect(
		page.getByRole('heading', {
			name: 'Ma demande a bien été enregistrée et transmise au service pour traitement'
		})
	).toBeVisible();
	await expect(page.getByText('En attente d’envoi', { exact: true })).toBeVisible();
	await expectNoA11yViolations(page, 'confirmation hors connexion');

	// Network back, no action from the parent: the request leaves and its number comes back.
	await context.setOffline(false);
	await expect(page.getByText(/^DEMANDE N° \d+$/)).toBeVisible({ timeout: BACK_ONLINE_MS });
	await expect(page.getByText('En attente d’envoi', { exact: true })).toHaveCount(0);
});

test('a declaration started on one device is continued on another device of the family', async ({
	page,
	browser
}) => {
	const parent = await newParentAtMonEntourage(page);
	await startDeclaration(page);
	await addChildType(page);
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill(CHILD.lastName);
	await page.getByRole('textbox', { name: /Prénom/ }).fill(CHILD.firstNames);
	await expect(page.getByText('Brouillon enregistré sur cet appareil')).toBeVisible();

	const { baseURL, locale, timezoneId } = test.info().project.use;
	const other = await browser.newContext({ baseURL, locale, timezoneId });
	try {
		const second = await other.newPage();
		await signIn(second, parent.username, parent.password);
		await expect(second).toHaveURL(/\/espace$/);
		await second.goto('/espace/entourage');
		await second.getByRole('link', { name: 'Reprendre la déclaration' }).click();
		// It opens where the first device left it, with what was typed there.
		await expect(second.getByRole('heading', { name: 'Étape 1 sur 2 : profil' })).toBeVisible();
		await expect(second.getByRole('textbox', { name: /^\*?\s*Nom/ })).toHaveValue(CHILD.lastName);
		await expect(second.getByRole('textbox', { name: /Prénom/ })).toHaveValue(CHILD.firstNames);
		await second.getByLabel(/Date de naissance/).fill(CHILD.birthDate);
		await finishAndReview(second);
		await second.getByRole('button', { name: 'VALIDER' }).click();
		await expect(second.getByText(/^DEMANDE N° \d+$/)).toBeVisible();
	} finally {
		await other.close();
	}
});

test('a co-representative and a child to be born: the profile fits the kind of member', async ({
	page,
	context
}) => {
	await enableDiagnostics(context);
	await newParentAtMonEntourage(page);
	// A proof of address already in the family's vault (as the scanner leaves it).
	await writeLocalDoc(page, {
		_id: `piece:${uuid()}`,
		type: 'piece',
		state: 'submitted',
		kind: 'proofOfAddress',
		personId: uuid(),
		label: 'Justificatif de domicile',
		_attachments: { 'page-1': { content_type: 'image/png', data: ONE_PIXEL_PNG } }
	});
	await startDeclaration(page);

	await page.getByRole('button', { name: 'Ajouter un membre' }).click();
	await page.getByRole('radio', { name: 'Co-représentant (parent)' }).check();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(errorSummary(page)).toBeFocused();
	await expect(errorSummary(page)).toContainText('Choisissez la civilité : Madame ou Monsieur.');
	await expect(errorSummary(page)).toContainText(
		'Indiquez au moins un moyen de contact : courriel ou téléphone.'
	);
	await expectNoA11yViolations(page, 'profil co-représentant en erreur');
	await page.getByRole('radio', { name: 'Monsieur' }).check();
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill('Martin');
	await page.getByRole('textbox', { name: /Prénom/ }).fill('Paul');
	await page.getByLabel(/Date de naissance/).fill('1988-06-30');
	await page.getByRole('textbox', { name: /Courriel/ }).fill('paul.martin@exemple.fr');
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await page.getByRole('checkbox', { name: 'Justificatif de domicile' }).check();
	await expectNoA11yViolations(page, 'étape 2 avec une pièce');
	await page.getByRole('button', { name: 'Enregistrer ce membre' }).click();

	await page.getByRole('button', { name: 'Ajouter un membre' }).click();
	await page.getByRole('radio', { name: 'Membre foyer (enfant)' }).check();
	await page.getByRole('button', { name: 'Suivant' }).click();
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill('Martin');
	await page.getByLabel('Enfant à naître').check();
	await expect(page.getByLabel(/^\*?\s*Date de naissance$/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await expect(errorSummary(page)).toContainText(
		'Le champ « Date de naissance prévue » est obligatoire.'
	);
	await expect(errorSummary(page)).not.toContainText('Prénom');
	await expectNoA11yViolations(page, 'profil enfant à naître en erreur');
	const expected = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
	await page.getByLabel(/Date de naissance prévue/).fill(expected);
	await page.getByRole('button', { name: 'Aller à l’étape 2' }).click();
	await page.getByRole('button', { name: 'Enregistrer ce membre' }).click();
	await expect(memberList(page)).toHaveText([/Paul MARTIN/, /Enfant à naître MARTIN/]);

	await page.getByRole('button', { name: 'Vérifier et valider ma déclaration' }).click();
	const paul = page.getByRole('region', { name: 'Membre 1 : Paul MARTIN' });
	await expect(paul).toContainText('Monsieur');
	await expect(paul).toContainText('Justificatif de domicile');
	await expect(
		page.getByRole('region', { name: 'Membre 2 : Enfant à naître MARTIN' })
	).toContainText('Date de naissance prévue');
	await page.getByRole('button', { name: 'VALIDER' }).click();
	await expect(page.getByText(/^DEMANDE N° \d+$/)).toBeVisible();
});

test('two devices edit the same draft offline: the parent sees both versions, keeps one, and both devices converge', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(180_000);
	const parent = await newParentAtMonEntourage(page);
	await waitForWorkerControl(page);
	await startDeclaration(page);
	await addChildType(page);
	await page.getByRole('textbox', { name: /^\*?\s*Nom/ }).fill(CHILD.lastName);
	await expect(page.getByText('Brouillon enregistré sur cet appareil')).toBeVisible();

	const { baseURL, locale, timezoneId } = test.info().project.use;
	const otherContext = await browser.newContext({ baseURL, locale, timezoneId });
	try {
		const second = await otherContext.newPage();
		await signIn(second, parent.username, parent.password);
		await expect(second).toHaveURL(/\/espace$/);
		await waitForWorkerControl(second);
		await second.goto('/espace/entourage');
		await second.getByRole('link', { name: 'Reprendre la déclaration' }).click();
		const firstName = (p: Page) => p.getByRole('textbox', { name: /Prénom/ });
		await expect(second.getByRole('textbox', { name: /^\*?\s*Nom/ })).toHaveValue(CHILD.lastName);

		// Both devices lose the network; each gives the child a different first name.
		await context.setOffline(true);
		await otherContext.setOffline(true);
		await firstName(page).fill('Léa');
		await firstName(second).fill('Lou');
		for (const p of [page, second]) {
			await p.getByRole('textbox', { name: /^\*?\s*Nom/ }).click(); // leave the field: saved
			await expect(p.getByText('Brouillon enregistré sur cet appareil')).toBeVisible();
		}

		// The network returns: each device receives the other's version and shows both.
		await context.setOffline(false);
		await otherContext.setOffline(false);
		const gate = (p: Page) =>
			p.getByRole('region', { name: 'Ce document a été modifié sur deux appareils' });
		for (const p of [page, second]) {
			await expect(gate(p)).toBeVisible({ timeout: BACK_ONLINE_MS });
			await expect(gate(p).getByRole('article')).toHaveCount(2);
			await expect(gate(p)).toContainText('Léa');
			await expect(gate(p)).toContainText('Lou');
		}
		await expectNoA11yViolations(page, 'conflit de versions');

		// On the first device the parent keeps the version that says « Lou ».
		const lou = gate(page).getByRole('article').filter({ hasText: 'Lou' });
		await lou.getByRole('button', { name: 'Garder cette version' }).click();
		await expect(page.getByText(/conservée\. L’autre version a été supprimée\./)).toBeAttached();
		await expect(gate(page)).toHaveCount(0);
		await expect(firstName(page)).toHaveValue('Lou');

		// The other device converges by itself: no choice left, the kept version in the form.
		await expect(gate(second)).toHaveCount(0, { timeout: BACK_ONLINE_MS });
		await expect(firstName(second)).toHaveValue('Lou');
		await second.reload();
		await expect(firstName(second)).toHaveValue('Lou');
		await page.reload();
		await expect(firstName(page)).toHaveValue('Lou');
	} finally {
		await otherContext.close();
	}
});
