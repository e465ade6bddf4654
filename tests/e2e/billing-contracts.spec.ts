// Issue 11 item 2 — billing contracts at the desk: an agent enters the contract of a child already
// in a crèche (family picked from its declared children), then adds an amendment from the 1st of
// next month, by keyboard; the history keeps both. axe on the contracts and month entries pages.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { agentPage, parentDeclaresChild } from './support/desk';
import { makeParent } from './support/factories';

const parisToday = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const firstOfMonth = (offset: number) => {
	const [y, m] = parisToday().split('-').map(Number);
	const d = new Date(Date.UTC(y, m - 1 + offset, 1));
	return d.toISOString().slice(0, 10);
};

test('an agent enters a contract for a child already in a crèche, then adds an amendment', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const parent = makeParent();
	await parentDeclaresChild(page, parent);

	const agent = await agentPage(browser);
	await agent.goto('/agent/facturation/contrats');
	await expect(agent.getByRole('heading', { level: 1, name: 'Contrats' })).toBeVisible();
	await expect(agent.getByText(/Chargement des contrats/)).toBeHidden();
	await expectNoA11yViolations(agent, 'contrats (facturation)');

	await agent.getByRole('button', { name: 'Saisir un contrat' }).click();
	const dialog = agent.getByRole('dialog', { name: /Saisir un contrat/ });
	await dialog
		.getByRole('textbox', { name: 'Famille (nom ou adresse e-mail)' })
		.fill(parent.lastName);
	await dialog.getByRole('button', { name: 'Rechercher' }).click();
	await dialog.getByRole('radio', { name: /Léa Martin — famille/ }).check();
	await dialog.getByRole('combobox', { name: 'Structure (obligatoire)' }).selectOption({
		label: 'Cocon de Soie'
	});
	await dialog.getByLabel('Date de début du contrat (obligatoire)').fill(firstOfMonth(0));
	await dialog.getByRole('textbox', { name: 'Heures par semaine (obligatoire)' }).fill('37,3');
	await dialog.getByRole('textbox', { name: 'Ressources mensuelles (€)' }).fill('2 500');
	await dialog.getByLabel('Date du montant CAF ou de l’avis').fill(firstOfMonth(0));
	await dialog.getByRole('textbox', { name: 'Enfants à charge (obligatoire)' }).fill('2');
	await dialog.getByRole('button', { name: 'Enregistrer le contrat' }).click();
	await expect(dialog.getByRole('alert')).toContainText('quarts d’heure');
	await expect(
		dialog.getByRole('textbox', { name: 'Heures par semaine (obligatoire)' })
	).toHaveAccessibleDescription(/quarts d’heure/);
	await dialog.getByRole('textbox', { name: 'Heures par semaine (obligatoire)' }).fill('37,5');
	await dialog.getByRole('button', { name: 'Enregistrer le contrat' }).click();

	await expect(
		agent.getByRole('heading', { level: 1, name: 'Contrat de Léa Martin' })
	).toBeVisible();
	await expect(agent.getByText('Saisi au guichet')).toBeVisible();
	await expect(agent.getByText(/37,5 h par semaine sur 5 jours/)).toBeVisible();

	// The amendment, by keyboard: the dialog takes the focus, a wrong date is announced.
	await agent.getByRole('button', { name: 'Ajouter un avenant' }).focus();
	await agent.keyboard.press('Enter');
	const amend = agent.getByRole('dialog', { name: 'Ajouter un avenant' });
	const effective = amend.getByLabel('Date d’effet de l’avenant (obligatoire)');
	await expect(effective).toBeFocused();
	await effective.fill(firstOfMonth(1).replace(/01$/, '15'));
	await amend
		.getByRole('textbox', { name: 'Motif de l’avenant (obligatoire)' })
		.fill('Passage à 4 jours');
	await amend.getByRole('textbox', { name: 'Heures par semaine (obligatoire)' }).fill('30');
	await amend.getByRole('textbox', { name: 'Jours par semaine (obligatoire)' }).fill('4');
	await agent.keyboard.press('Enter');
	await expect(amend.getByRole('alert')).toContainText('Un avenant prend effet le 1er d’un mois.');
	await effective.fill(firstOfMonth(1));
	await amend.getByRole('textbox', { name: 'Jours par semaine (obligatoire)' }).press('Enter');
	await expect(amend).toBeHidden();
	await expect(agent.getByText(/Avenant enregistré : il s’applique à partir du/)).toBeAttached();
	const history = agent.getByRole('table').first();
	await expect(history.getByRole('row')).toHaveCount(3);
	await expect(history.getByRole('row').nth(1)).toContainText('Contrat initial');
	await expect(history.getByRole('row').nth(2)).toContainText('Passage à 4 jours');
	await expect(history.getByRole('row').nth(2)).toContainText('30 h');

	await agent
		.getByRole('navigation', { name: 'Facturation' })
		.getByRole('link', { name: 'Saisies du mois' })
		.click();
	await expect(agent.getByRole('heading', { level: 1, name: 'Saisies du mois' })).toBeVisible();
	await expect(
		agent.getByText('les 3 premiers jours ne sont pas déduits', { exact: false })
	).toBeVisible();
	await expect(agent.getByRole('row', { name: /Léa Martin/ }).first()).toBeVisible();
	await expectNoA11yViolations(agent, 'saisies du mois');
	await agent.context().close();
});
