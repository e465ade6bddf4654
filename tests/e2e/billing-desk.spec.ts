// Issue 11, the staff's billing pages: a child declared by a new family gets a desk contract
// for one month of a past year of this journey's own, without resources. The agent previews that
// month: one invoice, the anomaly « Ressources non communiquées : facturé au plafond » linked to
// the contract; issues it from the keyboard (the dialog says how many, the total, numbers given
// for good); the progress ends on « 1 / 1 facture émise » and the print batch is a PDF. The
// invoice is listed, its detail explains the rate, and a credit note is refused above what is due
// (error announced) then issued. axe-core: no serious violation on the three pages and dialogs.
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolation } from './support/axe';
import { deskContractFor, noRunIssuing, ownMonth } from './support/billing';
import { agentPage, parentDeclaresChild } from './support/desk';
import { makeParent } from './support/factories';

const LIVE_MS = 30_000;

test('the month’s invoices on the desk: preview with its anomaly, issue, invoice, credit note', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	const parent = makeParent();
	const own = ownMonth([2020, 2021]);
	const agent = await agentPage(browser);
	try {
		await parentDeclaresChild(page, parent);

		// The desk contract (H-contracts' API): the family's declared child, no resources given.
		const { contractId, child } = await deskContractFor(agent, parent.email, own, {
			hoursPerWeek: 40,
			daysPerWeek: 5,
			weeksPerYear: 45,
			monthsBilled: 12,
			monthlyResources: null,
			resourcesSource: 'none',
			dependentChildren: 1,
			aeehChildren: 0
		});

		// The preview of that month: one invoice, the anomaly linked to the contract.
		await agent.getByRole('link', { name: 'Facturation', exact: true }).click();
		await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Facturation du mois');
		await agent.getByLabel('Mois facturé').fill(own.month);
		await agent.getByRole('button', { name: 'Afficher l’aperçu' }).click();
		await expect(agent.getByRole('heading', { name: own.label, level: 2 }).first()).toBeVisible();
		const anomalies = agent.getByRole('region', { name: /Anomalies/ });
		const row = anomalies.getByRole('row').filter({ hasText: 'Ressources non communiquées' });
		await expect(row).toContainText(child.name);
		await expect(row).toContainText('facturé au plafond');
		await expect(row.getByRole('link', { name: child.name })).toHaveAttribute(
			'href',
			`/agent/facturation/contrats/${contractId}`
		);
		await expect(agent.getByText(/^1 facture à émettre pour/)).toBeVisible();
		await expectNoSeriousViolation(agent, 'Facturation du mois');

		await noRunIssuing(agent);
		// Issued from the keyboard: the confirmation opens on « Annuler », says what is final.
		const issue = agent.getByRole('button', { name: /^Émettre les factures d/ });
		await issue.focus();
		await agent.keyboard.press('Enter');
		const dialog = agent.getByRole('dialog', { name: /Émettre les factures d/ });
		await expect(dialog).toContainText(
			/1 facture, total .+ ;\s+numéros\s+attribués\s+définitivement/
		);
		await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
		await expectNoSeriousViolation(agent, 'the issue dialog');
		await agent.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(issue).toBeFocused();
		await agent.keyboard.press('Enter');
		await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
		await agent.keyboard.press('Shift+Tab');
		await expect(dialog.getByRole('button', { name: 'Émettre 1 facture' })).toBeFocused();
		await agent.keyboard.press('Enter');

		const done = agent.getByRole('region', { name: /Émission terminée/ });
		await expect(done).toContainText('1 / 1 facture émise', { timeout: LIVE_MS });
		await expect(agent.getByTestId('announcer')).toContainText('Émission terminée');
		const batch = done.getByRole('link', { name: 'Télécharger les factures à imprimer (1)' });
		const pdf = await agent.request.get((await batch.getAttribute('href'))!);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		await expect(agent.getByText('Aucune facture à émettre ; 1 facture déjà émise.')).toBeVisible();

		// The invoice in the list of that month, then its detail.
		await agent
			.getByRole('navigation', { name: 'Facturation' })
			.getByRole('link', {
				name: 'Factures'
			})
			.click();
		await agent.getByLabel('Mois').fill(own.month);
		await agent.getByLabel('Famille ou numéro').fill(parent.lastName);
		await agent.getByRole('button', { name: 'Filtrer' }).click();
		const invoiceRow = agent.getByRole('row').filter({ hasText: child.name });
		await expect(invoiceRow).toContainText('À payer');
		await expectNoSeriousViolation(agent, 'Factures');
		await invoiceRow.getByRole('link', { name: /^F\d{4}-\d{6}$/ }).click();
		await expect(agent.getByRole('heading', { level: 1 })).toHaveText(/^Facture F\d{4}-\d{6}$/);
		await expect(agent.getByRole('region', { name: 'Calcul du tarif horaire' })).toContainText(
			'non communiquées, le plafond s’applique'
		);
		await expectNoSeriousViolation(agent, 'the invoice’s detail');

		// A credit note: refused above what is due (announced), then issued.
		await agent.getByRole('button', { name: 'Établir un avoir' }).click();
		const credit = agent.getByRole('dialog', { name: /Établir un avoir/ });
		await expect(credit.getByLabel(/Montant de l’avoir/)).toBeFocused();
		await credit.getByLabel(/Montant de l’avoir/).fill('100000');
		await credit.getByLabel(/Motif/).fill('Fermeture exceptionnelle non déduite');
		await credit.getByRole('button', { name: 'Établir l’avoir' }).click();
		await expect(credit.getByRole('alert')).toContainText('ne peut pas dépasser');
		await expect(credit.getByRole('alert')).toBeFocused();
		await expectNoSeriousViolation(agent, 'the credit note dialog');
		await credit.getByLabel(/Montant de l’avoir/).fill('10,50');
		await credit.getByRole('button', { name: 'Établir l’avoir' }).click();
		await expect(credit).toBeHidden();
		await expect(agent.getByTestId('announcer')).toContainText(/Avoir A\d{4}-\d{6} établi/);
		await expect(agent.getByRole('region', { name: 'Avoirs' })).toContainText('10,50');
	} finally {
		await agent.context().close();
	}
});
