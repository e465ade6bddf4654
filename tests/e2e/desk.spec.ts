// Issue 9, the staff desk's screens, walked with the keyboard alone: a request a parent sends
// appears in the agent's open inbox without reload (announced, counted in the tab title); « g d »,
// « / » and a search find it in the list; the agent opens it, takes it in charge with « p » and a
// comment in the dialog, validates the declared child, writes to the family, and reads the
// shortcuts' help (« ? », Échap). axe-core finds no violation on the inbox, the list, the detail
// and the dialog.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { agentPage, parentDeclaresChild } from './support/desk';

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 40) {
	for (let i = 0; i < max; i += 1) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

test('an agent works a new request with the keyboard alone, live from the inbox', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const agent = await agentPage(browser);
	await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Boîte de réception');

	const number = await parentDeclaresChild(page);

	// The open inbox shows it by itself, says so, and the tab title counts what waits.
	const row = agent.getByRole('link', { name: `n° ${number}`, exact: true });
	await expect(row).toBeVisible({ timeout: 15_000 });
	await expect(agent.getByTestId('announcer').first()).toContainText(
		`Nouvelle demande n° ${number}`
	);
	await expect(agent).toHaveTitle(/^\(\d+\) Espace agent/);
	await expectNoA11yViolations(agent, 'boîte de réception');

	// « j » walks down the rows.
	await agent.keyboard.press('j');
	await expect(agent.locator('a[data-row]').first()).toBeFocused();

	// « g d » then « / »: the list, its search box; the search is in the address.
	await agent.keyboard.press('g');
	await agent.keyboard.press('d');
	await expect(agent).toHaveURL(/\/agent\/demandes$/);
	await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Demandes');
	await agent.keyboard.press('/');
	const search = agent.getByRole('searchbox', { name: /Rechercher/ });
	await expect(search).toBeFocused();
	await agent.keyboard.type(String(number));
	await agent.keyboard.press('Enter');
	await expect(agent).toHaveURL(new RegExp(`\\?q=${number}$`));
	await expect(agent.locator('a[data-row]')).toHaveCount(1);
	await expectNoA11yViolations(agent, 'liste des demandes');

	// Tab to the row, Entrée opens it.
	const found = agent.getByRole('link', { name: `n° ${number}`, exact: true });
	await tabTo(agent, found);
	await agent.keyboard.press('Enter');
	await expect(agent).toHaveURL(new RegExp(`/agent/demandes/${number}$`));
	await expect(agent.getByRole('heading', { level: 1 })).toContainText(`Demande n° ${number}`);
	await expect(agent.getByRole('region', { name: 'Historique' })).toContainText('Déposée');
	await expectNoA11yViolations(agent, 'fiche d’une demande');

	// « p »: Prendre en charge, in a dialog, with a comment.
	await agent.keyboard.press('p');
	const dialog = agent.getByRole('dialog', { name: /Prendre en charge/ });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('textbox', { name: 'Commentaire (facultatif)' })).toBeFocused();
	await expectNoA11yViolations(agent, 'dialogue Prendre en charge');
	await agent.keyboard.type('Appel à la famille prévu.');
	await agent.keyboard.press('Tab');
	await expect(dialog.getByRole('button', { name: /Confirmer/ })).toBeFocused();
	await agent.keyboard.press('Enter');
	await expect(dialog).toBeHidden();
	await expect(agent.getByRole('heading', { level: 1 })).toBeFocused();
	await expect(agent.getByTestId('announcer').first()).toContainText(
		'la demande est maintenant « En cours d’instruction »'
	);
	const history = agent.getByRole('region', { name: 'Historique' });
	await expect(history).toContainText('En cours d’instruction');
	await expect(history).toContainText('Appel à la famille prévu.');
	await expect(agent.getByRole('button', { name: 'Prendre en charge' })).toHaveCount(0);

	// The declared child, validated with the keyboard.
	const validate = agent.getByRole('button', { name: 'Valider MARTIN Léa' });
	await tabTo(agent, validate);
	await agent.keyboard.press('Enter');
	await expect(agent.getByRole('region', { name: 'Membres déclarés' })).toContainText('Validé');

	// A message to the family, in its dialog.
	await tabTo(agent, agent.getByRole('button', { name: 'Écrire à la famille' }));
	await agent.keyboard.press('Enter');
	const write = agent.getByRole('dialog', { name: /Écrire à la famille/ });
	await expect(write.getByRole('textbox', { name: 'Objet (facultatif)' })).toBeFocused();
	await agent.keyboard.press('Tab');
	await agent.keyboard.type('Merci de nous rappeler au 04 74 78 32 10.');
	await agent.keyboard.press('Tab');
	await agent.keyboard.press('Enter');
	await expect(write).toBeHidden();
	await expect(agent.getByTestId('announcer').first()).toContainText(
		`Message « Au sujet de votre demande n° ${number} » envoyé à la famille.`
	);

	// « ? » shows the shortcuts in a modal dialog; Échap closes it.
	await agent.keyboard.press('?');
	const help = agent.getByRole('dialog', { name: 'Raccourcis clavier' });
	await expect(help).toBeVisible();
	await expect(help).toContainText('Prendre en charge');
	await agent.keyboard.press('Escape');
	await expect(help).toBeHidden();

	await agent.context().close();
});

test('two agents act on the same request: the second one is told in French and reloads', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const number = await parentDeclaresChild(page);
	const first = await agentPage(browser);
	const second = await agentPage(browser);
	await first.goto(`/agent/demandes/${number}`);
	await expect(first.getByRole('heading', { level: 1 })).toContainText(`Demande n° ${number}`);

	// The first agent opens « Marquer complète »; meanwhile the second one refuses the request.
	await first.keyboard.press('c');
	const dialog = first.getByRole('dialog', { name: /Marquer complète/ });
	await expect(dialog).toBeVisible();
	const refused = await second.request.post(`/api/agent/requests/${number}/actions`, {
		data: { action: 'refuse', reason: 'Demande en double.' }
	});
	expect(refused.status()).toBe(200);

	await dialog.getByRole('button', { name: /Confirmer/ }).click();
	const alert = dialog.getByRole('alert');
	await expect(alert).toContainText(/rechargez-la|impossible/);
	await expectNoA11yViolations(first, 'conflit entre deux agents');
	await alert.getByRole('button', { name: 'Recharger' }).click();
	await expect(dialog).toBeHidden();
	await expect(first.getByRole('heading', { level: 1 }).locator('..')).toContainText('Refusée');
	await expect(first.getByRole('region', { name: 'Historique' })).toContainText(
		'Demande en double.'
	);
	await expect(first.getByRole('button', { name: 'Marquer complète' })).toHaveCount(0);

	await first.context().close();
	await second.context().close();
});
