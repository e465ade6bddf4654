// Issue 9, the family's half of the staff desk. The household file: a parent declares a child, an
// agent validates it (POST /api/agent/requests/{number}/members/{memberId}); the parent's device
// pulls the decision: « Validé » in Mon entourage, and the child offered as « validé » by a new
// pre-registration. Pièces demandées: the agent asks for a piece (actions API), the parent adds
// one from the vault offline, ENVOYER LES PIÈCES → « En attente d’envoi », network back →
// « Pièces reçues ».
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { agentPage, parentDeclaresChild } from './support/desk';
import { photoJpeg } from './support/jpeg';
import { waitForWorkerControl } from './support/pwa';

/** The declared member's id, read from the household's own database over /sync (the parent's session). */
async function declaredChildId(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const me = await (await fetch('/api/me')).json();
		const all = await (
			await fetch(`${new URL(me.syncUrl).pathname}/_all_docs?include_docs=true`)
		).json();
		const decl = all.rows.find(
			(r: { id: string; doc: { state?: string } }) =>
				r.id.startsWith('entourage:') && r.doc.state === 'submitted'
		);
		return decl.doc.members[0].id as string;
	});
}

/** A same-origin JSON POST from the agent's browser. */
const post = (agent: Page, path: string, body: unknown) =>
	agent.evaluate(
		async ([p, b]) => {
			const res = await fetch(p as string, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(b)
			});
			return { status: res.status, body: await res.json() };
		},
		[path, body] as const
	);

test('an agent validates a declared child: the parent reads « Validé » and can pre-register it', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const number = await parentDeclaresChild(page);
	const childId = await declaredChildId(page);
	await page.goto('/espace/entourage');
	await expect(page.getByText('En attente de validation')).toBeVisible();

	const agent = await agentPage(browser);
	const res = await post(agent, `/api/agent/requests/${number}/members/${childId}`, {
		decision: 'validated'
	});
	expect(res.status).toBe(200);
	expect(res.body.members).toEqual([
		expect.objectContaining({ id: childId, firstNames: 'Léa', decision: 'validated' })
	]);
	await agent.context().close();

	// The decision arrives by itself (live sync), no reload.
	await expect(page.getByText('Validé', { exact: true })).toBeVisible({ timeout: 30_000 });
	await page.goto('/espace/demarches/preinscription-creche');
	await page.getByRole('button', { name: 'Commencer' }).click();
	await expect(page.getByRole('radio', { name: /Léa MARTIN .*— validé/ })).toBeVisible();
});

test('the service asks for a piece; the parent sends one offline, it goes when the network returns', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const number = await parentDeclaresChild(page);
	const agent = await agentPage(browser);
	const asked = await post(agent, `/api/agent/requests/${number}/actions`, {
		action: 'ask-pieces',
		message: 'Merci d’envoyer l’acte de naissance de Léa.'
	});
	expect(asked.status).toBe(200);
	await agent.context().close();

	await waitForWorkerControl(page);
	await page.goto('/espace/demandes');
	await page.getByRole('link', { name: new RegExp(`n° ${number}`) }).click();
	const block = page.getByRole('region', { name: 'Le service vous demande des pièces' });
	await expect(block).toBeVisible({ timeout: 30_000 });
	await expect(block).toContainText('Merci d’envoyer l’acte de naissance de Léa.');
	await expectNoA11yViolations(page, 'pièces demandées (parent)');

	// Offline: scan a piece now, a comment, ENVOYER LES PIÈCES.
	await page.context().setOffline(true);
	await block.getByRole('button', { name: 'ENVOYER LES PIÈCES' }).click();
	await expect(block.getByRole('alert')).toContainText('Ajoutez au moins une pièce.');
	await block.getByRole('button', { name: 'Numériser une pièce' }).click();
	await block.getByLabel('Choisir un fichier').setInputFiles({
		name: 'acte.jpg',
		mimeType: 'image/jpeg',
		buffer: await photoJpeg(page, 800, 1100)
	});
	await expect(block.getByRole('img', { name: 'Page 1' })).toBeVisible({ timeout: 20_000 });
	await block.getByLabel(/Type de pièce/).selectOption({ label: 'Extrait d’acte de naissance' });
	await block.getByLabel(/Personne concernée/).selectOption({ label: 'Léa MARTIN' });
	await block.getByLabel('Libellé').fill('Acte de naissance de Léa');
	await block.getByRole('button', { name: /Enregistrer la pièce/ }).click();
	await expect(block.getByRole('checkbox', { name: /Acte de naissance de Léa/ })).toBeChecked();
	await block.getByLabel('Commentaire pour le service (facultatif)').fill('Voici l’acte.');
	await expect(block.getByText('Brouillon enregistré sur cet appareil')).toBeVisible();
	await page.reload();
	await expect(block.getByRole('checkbox', { name: /Acte de naissance de Léa/ })).toBeChecked();
	await expect(block.getByLabel('Commentaire pour le service (facultatif)')).toHaveValue(
		'Voici l’acte.'
	);
	await block.getByRole('button', { name: 'ENVOYER LES PIÈCES' }).click();
	await expect(page.getByText('En attente d’envoi', { exact: false })).toBeVisible();

	await page.context().setOffline(false);
	await expect(page.getByText('Vos pièces ont bien été envoyées au service.')).toBeVisible({
		timeout: 40_000
	});
	await expect(page.getByText('Pièces reçues').first()).toBeVisible({ timeout: 40_000 });
	await expect(page.getByText('Commentaire : « Voici l’acte. »')).toBeVisible();
});
