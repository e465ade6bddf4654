// Issue 11, end to end: a family with a contract opts its child into paperless invoices while
// offline (delivered when the network returns); the agent issues the month (nothing to print);
// the family sees the invoice, opens its PDF, and pays through the local PayFiP simulator: a
// refused card and a cancelled payment leave it « À payer », an accepted one with the
// notification sent twice makes it « Payée » with one payment recorded and one receipt; the
// year's tax certificate shows the amount paid.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { pdfText } from '../../server/pdf/pdf-text';
import { expectNoSeriousViolation } from './support/axe';
import { deskContractFor, noRunIssuing, ownMonth } from './support/billing';
import { agentPage, parentDeclaresChild } from './support/desk';
import { makeParent } from './support/factories';
import { mailsTo, waitForMail } from './support/mailbox';

const LIVE_MS = 40_000;

/** The text of a PDF the page downloads when `click` runs. */
async function downloadedPdfText(page: Page, click: () => Promise<void>): Promise<string> {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	const bytes = await readFile((await download.path())!);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	return pdfText(new Uint8Array(bytes));
}

/** « 123,45 » → the words a PDF or a page prints for that amount, spaces normalised. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** From the invoice page, « Payer » → the simulator → the given button; back on the result page. */
async function payThroughSimulator(
	page: Page,
	button: 'Payer' | 'Refuser' | 'Annuler',
	notify: 'Immédiate' | 'Envoyée deux fois' = 'Immédiate',
	checkA11y = false
) {
	await page.getByRole('button', { name: /^Payer / }).click();
	await expect(page).toHaveURL(/\/simulateur-payfip\/tpa\/paiementws\.web\?idop=/, {
		timeout: LIVE_MS
	});
	if (checkA11y) await expectNoSeriousViolation(page, 'the PayFiP payment page');
	await page.getByRole('radio', { name: notify }).check();
	await page.getByRole('button', { name: button, exact: true }).click();
	await expect(page).toHaveURL(/\/espace\/factures\/paiement\//, { timeout: LIVE_MS });
}

test('a family opts into paperless offline, the month is issued, the family pays online and gets its tax certificate', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	const parent = makeParent();
	const own = ownMonth([2024]);
	const agent = await agentPage(browser);
	try {
		await parentDeclaresChild(page, parent);

		// The family's contract (entered at the desk for a child already in a crèche).
		await deskContractFor(agent, parent.email, own, {
			hoursPerWeek: 40,
			daysPerWeek: 5,
			weeksPerYear: 47,
			monthsBilled: 12,
			monthlyResources: 3000,
			resourcesSource: 'caf',
			resourcesDate: '2024-01-01',
			dependentChildren: 2,
			aeehChildren: 0
		});

		// Paperless, chosen with no network: kept on the device, sent when the network returns.
		await page.goto('/espace/factures');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes factures');
		await page.context().setOffline(true);
		await page.getByRole('link', { name: 'Adhésion à la facture en ligne' }).click();
		await page.getByRole('button', { name: 'Modifier' }).click();
		await page
			.getByRole('group', { name: /Facture en ligne pour Léa/ })
			.getByRole('radio', { name: 'Oui' })
			.check();
		await page.getByRole('button', { name: 'Étape 2' }).click();
		await page.getByRole('button', { name: 'Valider' }).click();
		const waiting = page.getByText(/^En attente d’envoi : votre choix sera transmis/);
		await expect(waiting).toBeVisible();
		await page.context().setOffline(false);
		await expect(waiting).toBeHidden({ timeout: LIVE_MS });

		// The agent issues the month: one invoice, none to print (the family chose paperless).
		await agent.goto('/agent/facturation');
		await agent.getByLabel('Mois facturé').fill(own.month);
		await agent.getByRole('button', { name: 'Afficher l’aperçu' }).click();
		await expect(agent.getByText(/^1 facture à émettre pour/)).toBeVisible();
		await noRunIssuing(agent);
		await agent.getByRole('button', { name: /^Émettre les factures d/ }).click();
		await agent
			.getByRole('dialog', { name: /Émettre les factures d/ })
			.getByRole('button', { name: 'Émettre 1 facture' })
			.click();
		const done = agent.getByRole('region', { name: /Émission terminée/ });
		await expect(done).toContainText('1 / 1 facture émise', { timeout: LIVE_MS });
		await expect(done).toContainText('Aucune facture à imprimer');

		// The family's invoice reaches its device: « À payer », its PDF opened.
		await page.goto('/espace/factures');
		const row = page.getByRole('row').filter({ hasText: own.label });
		await expect(row).toContainText('À payer', { timeout: LIVE_MS });
		const link = row.getByRole('link', { name: /^Facture F\d{4}-\d{6}$/ });
		const number = (await link.textContent())!.replace('Facture', '').trim();
		await link.click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(number);
		const pdf = flat(
			await downloadedPdfText(page, () =>
				page.getByRole('button', { name: 'Télécharger la facture (PDF)' }).click()
			)
		);
		expect(pdf).toContain(number);
		// 40 h × 47 weeks / 12 months × 1.548 € (3 000 € × 0.0516 %) = 242.52 €
		expect(pdf).toContain('242,52');
		const invoiceUrl = page.url();

		// A refused card, then a cancelled payment: still to pay.
		await expectNoSeriousViolation(page, 'the invoice page');
		await payThroughSimulator(page, 'Refuser', 'Immédiate', true);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiement refusé', {
			timeout: LIVE_MS
		});
		await expectNoSeriousViolation(page, 'the payment result page');
		await page.goto(invoiceUrl);
		await payThroughSimulator(page, 'Annuler');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiement annulé', {
			timeout: LIVE_MS
		});
		await page.goto('/espace/factures');
		await expect(page.getByRole('row').filter({ hasText: number })).toContainText('À payer');

		// Accepted, PayFiP's notification arriving twice: paid, one payment, one receipt.
		await page.goto(invoiceUrl);
		await payThroughSimulator(page, 'Payer', 'Envoyée deux fois');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Paiement accepté — votre facture est payée',
			{ timeout: LIVE_MS }
		);
		await page.goto('/espace/factures');
		await expect(page.getByRole('row').filter({ hasText: number })).toContainText('Payée', {
			timeout: LIVE_MS
		});
		await waitForMail({ to: parent.email, subject: `Paiement reçu — facture ${number}` });

		await agent.goto('/agent/facturation/factures');
		await agent.getByLabel('Mois').fill(own.month);
		await agent.getByLabel('Famille ou numéro').fill(number);
		await agent.getByRole('button', { name: 'Filtrer' }).click();
		await agent.getByRole('link', { name: number }).click();
		const payments = agent.getByRole('region', { name: 'Paiements' });
		await expect(payments.getByRole('row').filter({ hasText: 'Accepté' })).toHaveCount(1);
		await expect(payments.getByRole('row').filter({ hasText: 'Refusé' })).toHaveCount(1);
		await expect(payments.getByRole('row').filter({ hasText: 'Abandonné' })).toHaveCount(1);
		expect(
			(await mailsTo(parent.email)).filter((m) => m.subject.includes('Paiement reçu'))
		).toHaveLength(1);

		// The tax certificate of the year of the payment shows the amount paid.
		const year = new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone: 'Europe/Paris' })
			.format(new Date())
			.trim();
		await page.goto('/espace/documents');
		const certificate = flat(
			await downloadedPdfText(page, () =>
				page.getByRole('link', { name: new RegExp(`^Attestation fiscale ${year}`) }).click()
			)
		);
		expect(certificate).toContain('242,52');
		expect(certificate).toContain('Léa');
	} finally {
		await agent.context().close();
	}
});
