// Issue 11's journey, the family's side of billing. A new family declares Léa, then opts her into paperless
// invoices OFFLINE (« Adhésion à la facture en ligne » → Modifier → Oui → Étape 2 → Valider): the
// page says the choice leaves with the network; back online it is sent. The agent then bills a
// month of this journey's own for Léa's desk contract: the run's print batch is empty (her
// invoice is paperless: the server had the choice). The invoice reaches the family's device:
// « Mes factures » lists it « À payer », its page explains the rate and downloads the PDF from the
// device; « Payer » is disabled offline with the reason. Through the PayFiP simulator: cancelled
// and refused leave it « À payer »; accepted with the notification sent twice records one payment
// and one receipt, and the invoice reads « Payée »; « Edition de documents » offers the year's
// tax certificate. Both PDFs are read back: the invoice's number and amount, the amount paid on
// the certificate. axe-core: no serious violation on Mes factures, the invoice, the PayFiP page,
// the payment result and the adhesion pages.
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolation } from './support/axe';
import { deskContractFor, noRunIssuing, ownMonth } from './support/billing';
import { agentPage, parentDeclaresChild } from './support/desk';
import { makeParent } from './support/factories';
import { mailsTo, waitForMail } from './support/mailbox';
import { pdfText } from '../../server/pdf/pdf-text';

const LIVE_MS = 30_000;

test('paperless chosen offline, delivered later; the invoice on the device, its PDF, paid through the simulator, the tax certificate', async ({
	page,
	browser
}) => {
	test.setTimeout(240_000);
	const parent = makeParent();
	const own = ownMonth([2022, 2023]);
	const agent = await agentPage(browser);
	try {
		await parentDeclaresChild(page, parent);

		// « Adhésion à la facture en ligne », made offline.
		await page.goto('/espace/factures');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes factures');
		await page.getByRole('link', { name: 'Adhésion à la facture en ligne' }).click();
		await expect(page.getByText('Facture en ligne : Non renseigné')).toBeVisible();
		await expectNoSeriousViolation(page, 'Adhésion à la facture en ligne');
		await page.context().setOffline(true);
		await page.getByRole('button', { name: 'Modifier' }).click();
		const choice = page.getByRole('group', { name: /Facture en ligne pour Léa/ });
		// Étape 2 without an answer: said, nothing saved.
		await page.getByRole('button', { name: 'Étape 2' }).click();
		await expect(page.getByText(/Répondez « Oui » ou « Non » pour Léa/)).toBeVisible();
		await choice.getByRole('radio', { name: 'Oui' }).check();
		await page.getByRole('button', { name: 'Étape 2' }).click();
		await expect(page.getByRole('heading', { name: /Étape 2 sur 2/ })).toBeVisible();
		await expect(page.getByText('Facture en ligne : Oui')).toBeVisible();
		await page.getByRole('button', { name: 'Valider' }).click();
		await expect(page.getByText(/Votre choix sera transmis dès le retour du réseau/)).toBeVisible();
		await expect(page.getByText('Facture en ligne : Oui')).toBeVisible();
		await expect(page.getByText(/En attente d’envoi/)).toBeVisible();

		// Back online: the choice leaves the device.
		await page.context().setOffline(false);
		await expect(page.getByText(/En attente d’envoi/)).toBeHidden({ timeout: LIVE_MS });

		// The agent bills Léa's month: her invoice is paperless, nothing to print.
		const { child } = await deskContractFor(agent, parent.email, own, {
			hoursPerWeek: 40,
			daysPerWeek: 5,
			weeksPerYear: 45,
			monthsBilled: 12,
			monthlyResources: 3000,
			resourcesSource: 'caf',
			resourcesDate: own.start,
			dependentChildren: 1,
			aeehChildren: 0
		});
		// One run at a time on the desk: another journey's run may be issuing, wait for it.
		let runId = '';
		await expect(async () => {
			await noRunIssuing(agent);
			const started = await agent.request.post('/api/agent/billing/runs', {
				data: { month: own.month }
			});
			expect(started.status(), await started.text()).toBe(202);
			runId = (await started.json()).id as string;
		}).toPass({ timeout: LIVE_MS });
		await expect
			.poll(
				async () =>
					(await (await agent.request.get(`/api/agent/billing/runs/${runId}`)).json()).status,
				{ timeout: LIVE_MS }
			)
			.toBe('done');
		const invoices = await (
			await agent.request.get(
				`/api/agent/billing/invoices?month=${own.month}&q=${encodeURIComponent(parent.lastName)}`
			)
		).json();
		expect(invoices.items).toHaveLength(1);
		const invoice = invoices.items[0];
		const detail = await (
			await agent.request.get(`/api/agent/billing/invoices/${invoice.id}`)
		).json();
		expect(detail.paperless, JSON.stringify(detail)).toBe(true);

		// The family's device: the dashboard's tile, Mes factures, then the invoice.
		await page.goto('/espace');
		const tile = page.getByRole('region', { name: 'Mes factures' });
		await expect(tile).toContainText('1 facture à payer.', { timeout: LIVE_MS });
		await tile.getByRole('link', { name: 'Mes factures' }).click();
		const row = page.getByRole('row').filter({ hasText: invoice.number });
		await expect(row).toBeVisible({ timeout: LIVE_MS });
		await expect(row).toContainText('À payer');
		await expect(row).toContainText(child.name);
		await expectNoSeriousViolation(page, 'Mes factures');
		await row.getByRole('link', { name: `Facture ${invoice.number}` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Facture ${invoice.number}`);
		await expect(
			page.getByText(
				/^Tarif horaire : .+ \(taux d’effort 0,06\d* % × ressources retenues 3\s000,00\s€\)$/
			)
		).toBeVisible();
		await expectNoSeriousViolation(page, 'the invoice page');

		// Offline: the PDF comes from the device; « Payer » says it needs the network.
		await page.context().setOffline(true);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Télécharger la facture (PDF)' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toBe(`${invoice.number}.pdf`);
		const bytes = await (await file.createReadStream()).toArray();
		expect(Buffer.concat(bytes).subarray(0, 5).toString()).toBe('%PDF-');
		// The PDF read back: its number and its amount (« 278,55 »).
		const amount = (invoice.amountCents / 100).toFixed(2).replace('.', ',');
		const invoiceText = pdfText(new Uint8Array(Buffer.concat(bytes))).replace(/\s+/g, ' ');
		expect(invoiceText).toContain(invoice.number);
		expect(invoiceText).toContain(amount);
		await expect(page.getByRole('button', { name: /^Payer/ })).toBeDisabled();
		await expect(page.getByText(/Cette action nécessite une connexion internet/)).toBeVisible();
		await page.context().setOffline(false);
		await expect(page.getByRole('button', { name: /^Payer/ })).toBeEnabled({ timeout: LIVE_MS });

		// Through the PayFiP simulator: cancelled, then refused: the invoice stays « À payer ».
		const payThrough = async (action: 'Payer' | 'Refuser' | 'Annuler', notify = 'Immédiate') => {
			await page.getByRole('button', { name: /^Payer/ }).click();
			await expect(page).toHaveURL(/simulateur-payfip/);
			if (action === 'Annuler') await expectNoSeriousViolation(page, 'the PayFiP payment page');
			await page.getByRole('radio', { name: notify }).check();
			await page.getByRole('button', { name: action, exact: true }).click();
			await expect(page).toHaveURL(/\/espace\/factures\/paiement\//);
		};
		await payThrough('Annuler');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiement annulé');
		await expectNoSeriousViolation(page, 'the payment result page');
		await page.getByRole('link', { name: 'Revenir à la facture' }).click();
		await expect(page.getByText('À payer', { exact: true })).toBeVisible();
		await payThrough('Refuser');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiement refusé');
		await page.getByRole('link', { name: 'Revenir à la facture' }).click();
		await expect(page.getByText('À payer', { exact: true })).toBeVisible();

		// Accepted, the notification sent twice: one payment, the invoice reads « Payée ».
		await payThrough('Payer', 'Envoyée deux fois');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Paiement accepté — votre facture est payée'
		);
		await page.getByRole('link', { name: 'Revenir à la facture' }).click();
		await expect(page.getByText('Payée', { exact: true })).toBeVisible({ timeout: LIVE_MS });
		const paid = await (
			await agent.request.get(`/api/agent/billing/invoices/${invoice.id}`)
		).json();
		expect(
			(paid.payments as { status: string }[]).filter((p) => p.status === 'paid'),
			JSON.stringify(paid.payments)
		).toHaveLength(1);
		await waitForMail({ to: parent.email, subject: `Paiement reçu — facture ${invoice.number}` });
		expect(
			(await mailsTo(parent.email)).filter((m) => m.subject.includes('Paiement reçu'))
		).toHaveLength(1);

		// Edition de documents: the tax certificate of this year shows the amount paid.
		await page
			.getByRole('navigation', { name: 'Menu principal' })
			.getByRole('link', {
				name: 'Edition de documents'
			})
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edition de documents');
		const year = new Date().getFullYear();
		const certificate = page.getByRole('listitem').filter({ hasText: `${year} — ${child.name}` });
		await expect(certificate).toContainText(/payés/);
		const href = await certificate
			.getByRole('link', { name: new RegExp(`Attestation fiscale ${year}`) })
			.getAttribute('href');
		const pdf = await page.request.get(href!);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		const certificateText = pdfText(new Uint8Array(await pdf.body())).replace(/\s+/g, ' ');
		expect(certificateText).toContain(amount);
		expect(certificateText).toContain('Léa');
	} finally {
		await agent.context().close();
	}
});
