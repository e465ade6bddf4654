// Issue 11 items 1 and 8 — the PSU scale as data admins edit, and the public tariff simulator:
// a family opens « Simulateur de tarifs » from the home page, gets the hourly rate and the monthly
// amount with the computation explained, and computes again offline (the scale kept on the
// device); an admin adds a plancher and plafond from a date on « Barème », an agent only reads it.
import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { agentPage } from './support/desk';
import { E2E_ADMIN } from './support/factories';
import { waitForWorkerControl } from './support/pwa';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('the simulator explains the rate and the monthly amount, and computes again offline', async ({
	page
}) => {
	await page.goto('/');
	await page
		.getByRole('region', { name: 'Actualités' })
		.getByRole('link', { name: 'Simulateur de tarifs', exact: true })
		.click();
	await expect(page).toHaveURL(/\/simulateur$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Simulateur de tarifs' })).toBeVisible();
	// The default weeks a year come from the scale.
	await expect(page.getByRole('textbox', { name: 'Semaines d’accueil par an' })).toHaveValue('47');

	await page.getByRole('button', { name: 'Calculer' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Indiquez les ressources mensuelles du foyer.'
	);

	await page.getByRole('textbox', { name: /Ressources mensuelles du foyer/ }).fill('3000');
	await page.getByRole('textbox', { name: /Nombre d’enfants à charge/ }).fill('2');
	await page.getByRole('textbox', { name: /Heures d’accueil par semaine/ }).fill('37,5');
	await page.getByRole('button', { name: 'Calculer' }).click();
	const result = page.getByRole('region', { name: 'Estimation' });
	await expect(result.getByTestId('hourly-rate')).toHaveText(/^1,55\s€$/);
	await expect(result.getByTestId('monthly-amount')).toHaveText(/^227,36\s€$/);
	const steps = spaces((await result.getByRole('listitem').allTextContents()).join('\n'));
	expect(steps).toContain('Taux d’effort : 0,0516 % par heure pour 2 enfants à charge.');
	expect(steps).toContain('3 000,00 € × 0,0516 % = 1,548 €, soit 1,55 € arrondi au centime.');
	expect(steps).toContain('37,5 h par semaine × 47 semaines ÷ 12 mois = 146,88 h.');
	await expectNoA11yViolations(page, 'simulateur de tarifs');

	// No network: the page and the scale kept on the device; yearly income this time. (Routing
	// the scale's request also keeps the browser's HTTP cache — 5 minutes — from answering it.)
	await waitForWorkerControl(page);
	await page.context().route('**/api/tariff/scale', (route) => route.abort('internetdisconnected'));
	await page.context().setOffline(true);
	try {
		await page.reload();
		await expect(
			page.getByText('Hors connexion : le calcul utilise le barème enregistré')
		).toBeVisible();
		await page.getByRole('radio', { name: 'Revenus annuels du foyer' }).check();
		await page.getByRole('textbox', { name: /Revenus annuels du foyer/ }).fill('36 000');
		await page.getByRole('textbox', { name: /Nombre d’enfants à charge/ }).fill('1');
		await page.getByRole('textbox', { name: /Dont enfants bénéficiant de l’AEEH/ }).fill('1');
		await page.getByRole('textbox', { name: /Heures d’accueil par semaine/ }).fill('37,5');
		await page.getByRole('button', { name: 'Calculer' }).click();
		await expect(result.getByTestId('hourly-rate')).toHaveText(/^1,55\s€$/);
		await expect(result).toContainText(/36\s000,00\s€ par an ÷ 12 = 3\s000,00\s€ par mois/);
		await expect(result).toContainText('dont 1 bénéficiant de l’AEEH');
	} finally {
		await page.context().setOffline(false);
		await page.context().unrouteAll();
	}
});

test('an admin adds a plancher and plafond from a date on « Barème »; an agent only reads it', async ({
	browser
}) => {
	const admin = await agentPage(browser, E2E_ADMIN);
	try {
		await admin.goto('/agent/facturation/bareme');
		await expect(admin.getByRole('heading', { level: 1, name: 'Barème' })).toBeVisible();
		const bounds = admin.getByRole('region', {
			name: 'Plancher et plafond des ressources mensuelles'
		});
		await expect(bounds.getByRole('row', { name: /1er septembre 2025/ })).toContainText(
			'Plafond applicable à tous les contrats'
		);
		await expectNoA11yViolations(admin, 'barème (admin)');

		const form = admin.getByRole('form', { name: 'Nouveaux plancher et plafond' });
		await form.getByLabel('S’applique à partir du').fill('2035-01-01');
		await form.getByRole('textbox', { name: /Plancher mensuel/ }).fill('9000');
		await form.getByRole('textbox', { name: /Plafond mensuel/ }).fill('900');
		await form.getByRole('button', { name: 'Enregistrer le plancher et le plafond' }).click();
		await expect(form.getByRole('alert')).toContainText(
			'Le plafond doit être supérieur au plancher.'
		);
		await expect(form.getByRole('textbox', { name: /Plafond mensuel/ })).toHaveAttribute(
			'aria-invalid',
			'true'
		);

		await form.getByRole('textbox', { name: /Plancher mensuel/ }).fill('900');
		await form.getByRole('textbox', { name: /Plafond mensuel/ }).fill('9500,50');
		await form.getByRole('textbox', { name: /Note/ }).fill('Valeur d’essai du parcours.');
		await form.getByRole('button', { name: 'Enregistrer le plancher et le plafond' }).click();
		await expect(admin.getByTestId('announcer')).toHaveText(
			'Nouveaux plancher et plafond enregistrés à partir du 1er janvier 2035.'
		);
		const row = bounds.getByRole('row', { name: /1er janvier 2035/ });
		await expect(row).toContainText(/900,00\s€/);
		await expect(row).toContainText(/9\s500,50\s€/);
		await expect(row).toContainText('Valeur d’essai du parcours.');
	} finally {
		await admin.context().close();
	}

	const agent = await agentPage(browser);
	try {
		await agent.goto('/agent/facturation/bareme');
		await expect(
			agent
				.getByRole('region', { name: 'Plancher et plafond des ressources mensuelles' })
				.getByRole('row', {
					name: /1er janvier 2035/
				})
		).toBeVisible();
		await expect(agent.getByRole('form')).toHaveCount(0);
		await expect(
			agent.getByText(
				'Seuls les administrateurs peuvent modifier le barème et les coordonnées du service.'
			)
		).toBeVisible();
		await expectNoA11yViolations(agent, 'barème (agent)');
	} finally {
		await agent.context().close();
	}
});
