// Issue 9 item 7 — an admin changes a structure's places by age group and its commune; agents
// see the structures but cannot change them. (Names and « proposée » are left alone here: other
// journeys running at the same time choose structures by their label.) The change is in the
// audit log, which only admins read.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { E2E_ADMIN, E2E_AGENT } from './support/factories';
import { signIn } from './support/journeys';

test('an admin edits a structure’s places by age group; an agent only reads them', async ({
	page,
	browser
}) => {
	await signIn(page, E2E_ADMIN.username, E2E_ADMIN.password);
	await expect(page).toHaveURL(/\/agent/);
	await page.goto('/agent/structures');
	const row = page.getByRole('row', { name: /Les p'tits mariniers/ });
	await expect(row).toBeVisible();
	await expectNoA11yViolations(page, 'structures (admin)');

	await row.getByRole('button', { name: "Modifier : Les p'tits mariniers" }).click();
	const form = page.getByRole('region', { name: "Modifier la structure Les p'tits mariniers" });
	await expect(form.getByRole('heading')).toBeFocused();
	await form.getByRole('spinbutton', { name: 'Places Bébés' }).fill('-3');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(form.getByRole('alert')).toContainText(
		'Le champ « Places Bébés » ne peut pas être négatif.'
	);
	await form.getByRole('spinbutton', { name: 'Places Bébés' }).fill('7');
	await form.getByRole('spinbutton', { name: 'Places Moyens' }).fill('11');
	await form.getByRole('spinbutton', { name: 'Places Grands' }).fill('13');
	await form.getByRole('textbox', { name: 'Commune' }).fill('Condrieu');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(page.getByText("Structure « Les p'tits mariniers » enregistrée.")).toBeAttached();
	await expect(row.getByRole('cell')).toHaveText([
		'Condrieu',
		'7',
		'11',
		'13',
		'31',
		'Oui',
		/Modifier/
	]);

	// The change is in the audit log, with who made it; the log filters by agent.
	await page.goto('/agent/journal');
	await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Bruno Admin' });
	await page.getByRole('button', { name: 'Filtrer' }).click();
	const entry = page.getByRole('row', { name: /Modification d’une structure/ }).first();
	await expect(entry).toContainText('Bruno Admin');
	await expect(entry).toContainText("structure Les p'tits mariniers");
	await expectNoA11yViolations(page, 'journal d’audit');

	// Notifications (admins): a mail per new request, as configured; no webhook here. (Saved as
	// is: other journeys running meanwhile wait for the service's mail per request.)
	await page.getByRole('link', { name: 'Notifications' }).click();
	const each = page.getByRole('radio', { name: 'Un courriel pour chaque nouvelle demande' });
	await expect(each).toBeChecked();
	await expect(page.getByText(/Aucun envoi/)).toBeVisible();
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(
		page.getByText('Enregistré : un courriel sera envoyé au service pour chaque nouvelle demande.')
	).toBeAttached();
	await expectNoA11yViolations(page, 'notifications');

	const { baseURL, locale, timezoneId } = test.info().project.use;
	const agentContext = await browser.newContext({ baseURL, locale, timezoneId });
	try {
		const agent = await agentContext.newPage();
		await signIn(agent, E2E_AGENT.username, E2E_AGENT.password);
		await expect(agent).toHaveURL(/\/agent/);
		await agent.goto('/agent/structures');
		await expect(agent.getByRole('row', { name: /Les p'tits mariniers/ })).toContainText('31');
		await expect(agent.getByRole('button', { name: /^Modifier/ })).toHaveCount(0);
		await expect(agent.getByText('Seuls les administrateurs peuvent les modifier.')).toBeVisible();
		await agent.goto('/agent/journal');
		await expect(
			agent.getByText('Le journal d’audit est réservé aux administrateurs.')
		).toBeVisible();
		await expect(agent.getByRole('link', { name: 'Notifications' })).toHaveCount(0);
	} finally {
		await agentContext.close();
	}
});
