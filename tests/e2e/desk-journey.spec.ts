// Issue 9 « Done when », end to end in two browser contexts: a parent (phone) and an agent (desk).
// The agent validates the declared child; the parent pre-registers it (« validé ») online, then a
// second time offline, delivered when the network returns; the agent's open inbox shows each
// within seconds, no reload; the agent asks for a missing piece; the parent sees it on the
// request, adds a piece, sends; the request comes back « Pièces reçues »; the agent marks it
// complete; the parent's status reads « Complète ». The real SMTP server received the service's
// mail for each new request and the family's mails for each change.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { agentPage, parentDeclaresChild, preRegisterLea, requestNumberShown } from './support/desk';
import { makeParent } from './support/factories';
import { photoJpeg } from './support/jpeg';
import { waitForMail } from './support/mailbox';
import { waitForWorkerControl } from './support/pwa';

const SERVICE_EMAIL = 'petite-enfance@espace-famille.localhost';
const LIVE_MS = 15_000;

/** The agent's action in its dialog (message or comment), confirmed. */
async function act(agent: Page, label: string, field?: [RegExp, string]) {
	await agent.getByRole('button', { name: label, exact: true }).click();
	const dialog = agent.getByRole('dialog', { name: new RegExp(label) });
	if (field) await dialog.getByLabel(field[0]).fill(field[1]);
	await dialog.getByRole('button', { name: new RegExp(`Confirmer`) }).click();
	await expect(dialog).toBeHidden();
}

test('a family and an agent work a pre-registration to « Complète », live on both sides', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	const agent = await agentPage(browser);
	try {
		const inbox = (n: number) => agent.getByRole('link', { name: `n° ${n}`, exact: true });

		// The household: the child declared, validated by the agent from the inbox.
		const parent = makeParent();
		const declaration = await parentDeclaresChild(page, parent);
		await inbox(declaration).click({ timeout: LIVE_MS });
		await agent.getByRole('button', { name: 'Valider MARTIN Léa' }).click();
		await expect(agent.getByRole('region', { name: 'Membres déclarés' })).toContainText('Validé');
		await page.goto('/espace/entourage');
		await expect(page.getByText('Validé', { exact: true })).toBeVisible({ timeout: LIVE_MS });

		// Online: the request is numbered and appears in the agent's open inbox by itself.
		await agent.getByRole('link', { name: /Boîte de réception/ }).click();
		await waitForWorkerControl(page);
		await preRegisterLea(page, { wished: '2027-09-01', structure: 'Cocon de Soie' });
		const online = await requestNumberShown(page);
		await expect(inbox(online)).toBeVisible({ timeout: LIVE_MS });

		// Offline: « En attente d’envoi »; the network returns: numbered, in the inbox.
		await page.context().setOffline(true);
		await preRegisterLea(page, { wished: '2027-09-01', structure: 'Cocon de Soie' });
		await expect(page.getByText('En attente d’envoi', { exact: true }).first()).toBeVisible();
		await page.context().setOffline(false);
		const offline = await requestNumberShown(page);
		await expect(inbox(offline)).toBeVisible({ timeout: LIVE_MS });
		for (const n of [online, offline])
			await waitForMail({ to: SERVICE_EMAIL, subject: `Nouvelle demande n° ${n}` });

		// The agent asks for a missing piece.
		await inbox(online).click();
		await expect(agent.getByRole('heading', { level: 1 })).toContainText(`Demande n° ${online}`);
		await act(agent, 'Demander des pièces', [/Pièces manquantes/, 'Un justificatif de domicile.']);
		await expect(agent.getByRole('region', { name: 'Historique' })).toContainText(
			'Pièces demandées'
		);

		// The parent sees it on the request, scans a piece, sends.
		await page.goto('/espace/demandes');
		await page.getByRole('link', { name: new RegExp(`n° ${online}`) }).click();
		const block = page.getByRole('region', { name: 'Le service vous demande des pièces' });
		await expect(block).toContainText('Un justificatif de domicile.', { timeout: LIVE_MS });
		await block.getByRole('button', { name: 'Numériser une pièce' }).click();
		await block.getByLabel('Choisir un fichier').setInputFiles({
			name: 'facture.jpg',
			mimeType: 'image/jpeg',
			buffer: await photoJpeg(page, 900, 1200)
		});
		await expect(block.getByRole('img', { name: 'Page 1' })).toBeVisible({ timeout: 20_000 });
		await block.getByLabel(/Type de pièce/).selectOption({ label: 'Justificatif de domicile' });
		await block.getByLabel('Libellé').fill('Facture d’électricité');
		await block.getByRole('button', { name: /Enregistrer la pièce/ }).click();
		await block.getByRole('button', { name: 'ENVOYER LES PIÈCES' }).click();
		await expect(page.getByText('Vos pièces ont bien été envoyées au service.')).toBeVisible({
			timeout: LIVE_MS
		});

		// Back in the agent's inbox as « Pièces reçues »; the piece is in the file; complete.
		await agent.getByRole('link', { name: /Boîte de réception/ }).click();
		await expect(agent.getByRole('row', { name: new RegExp(`n° ${online}`) })).toContainText(
			'Pièces reçues',
			{ timeout: LIVE_MS }
		);
		await inbox(online).click();
		await expect(agent.getByRole('region', { name: 'Pièces justificatives' })).toContainText(
			'Facture d’électricité'
		);
		await expectNoA11yViolations(agent, 'fiche avec pièces reçues');
		await act(agent, 'Marquer complète');

		// The parent's page reads « Complète » by itself.
		await expect(page.getByText('Complète').first()).toBeVisible({ timeout: LIVE_MS });
		for (const status of ['Pièces demandées', 'Complète'])
			await waitForMail({ to: parent.email, subject: `Votre demande n° ${online} : ${status}` });
	} finally {
		await agent.context().close();
	}
});
