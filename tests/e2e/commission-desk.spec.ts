// Issue 10, the staff's commission screens: the admin plans the year and a session of its own
// (an entry period only this journey's request wishes), sets its places, and saves a new version
// of the grid with a manual criterion; the agent reads the file's score line by line, checks the
// manual criterion (the score moves), holds the file with a reason (the places left say so, the
// live region too) and goes back to the proposal; the admin closes the session with its members:
// the decision is frozen and both minutes (full, anonymised) answer 200 as PDF. axe-core finds
// no serious violation on the sessions, the criteria, the session and its dialogs.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolation } from './support/axe';
import { agentPage, parentDeclaresChild, preRegisterLea, requestNumberShown } from './support/desk';
import { E2E_ADMIN, makeParent } from './support/factories';

const LIVE_MS = 15_000;
const STRUCTURE = 'Cocon de Soie';
// Léa (born 2025-03-02) is 23 months old on 1 February 2027: « Moyens ».
const WISHED = '2027-02-01';
const SESSION = { date: '2027-01-20', start: '2027-02-01', end: '2027-02-28' };

/** The agent validates the declared child, then marks the pre-registration complete. */
async function agentMakesComplete(agent: Page, declaration: number, page: Page) {
	await agent.goto(`/agent/demandes/${declaration}`);
	await agent.getByRole('button', { name: 'Valider MARTIN Léa' }).click();
	await expect(agent.getByRole('region', { name: 'Membres déclarés' })).toContainText('Validé');
	await page.goto('/espace/entourage');
	await expect(page.getByText('Validé', { exact: true })).toBeVisible({ timeout: LIVE_MS });
	await preRegisterLea(page, { wished: WISHED, structure: STRUCTURE });
	const number = await requestNumberShown(page, 30_000);
	await agent.goto(`/agent/demandes/${number}`);
	await agent.getByRole('button', { name: 'Marquer complète', exact: true }).click();
	const dialog = agent.getByRole('dialog', { name: /Marquer complète/ });
	await dialog.getByRole('button', { name: /Confirmer/ }).click();
	await expect(dialog).toBeHidden();
	return number;
}

test('the commission on the desk: planned, prepared with reasons, closed and frozen', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	const agent = await agentPage(browser);
	const admin = await agentPage(browser, E2E_ADMIN);
	try {
		const declaration = await parentDeclaresChild(page, makeParent());
		const number = await agentMakesComplete(agent, declaration, page);

		// The admin plans 2027 (idempotent) and a session of this journey's own.
		await admin.getByRole('link', { name: 'Commission' }).click();
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
			'Commission d’attribution des places'
		);
		await admin.getByLabel('Année').fill('2027');
		await admin.getByRole('button', { name: 'Planifier l’année' }).click();
		await expect(
			admin.getByTestId('announcer').filter({ hasText: /planifiée|déjà planifiées/ })
		).toContainText('2027');
		const sessions = admin.getByRole('table', { name: 'Sessions de la commission' });
		await expect(sessions.getByRole('rowheader', { name: '15 mars 2027' })).toBeVisible();
		await expectNoSeriousViolation(admin, '/agent/commission');

		const add = admin.getByRole('button', { name: 'Ajouter une commission' });
		await add.click();
		const sessionDialog = admin.getByRole('dialog', { name: 'Ajouter une commission' });
		await expect(sessionDialog.getByLabel(/Date de la commission/)).toBeFocused();
		await sessionDialog.getByLabel(/Date de la commission/).fill(SESSION.date);
		await sessionDialog.getByLabel(/Début de la période/).fill(SESSION.start);
		await sessionDialog.getByLabel(/Fin de la période/).fill(SESSION.end);
		await expectNoSeriousViolation(admin, 'dialogue Ajouter une commission');
		await sessionDialog.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(sessionDialog).toBeHidden();
		await expect(add).toBeFocused();
		const row = sessions.getByRole('row', { name: /20 janvier 2027/ });
		await expect(row).toContainText('du 1er février 2027 au 28 février 2027');
		await expect(row).toContainText('Planifiée');

		// A new version of the grid, with a manual criterion.
		await admin.getByRole('link', { name: 'Critères' }).click();
		const version = admin.getByTestId('grid-version');
		const before = Number((await version.textContent())!.match(/Version (\d+)/)![1]);
		await expectNoSeriousViolation(admin, '/agent/commission/criteres');
		await admin.getByRole('button', { name: 'Modifier la grille' }).click();
		await admin.getByRole('button', { name: 'Ajouter un critère manuel' }).click();
		const label = admin.getByRole('textbox', { name: /Libellé du critère/ }).last();
		await expect(label).toBeFocused();
		await admin.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
		await expect(admin.getByRole('alert')).toContainText('Le libellé du critère est obligatoire.');
		await label.fill('Situation sociale particulière');
		await admin.getByRole('spinbutton', { name: /Points : Situation sociale/ }).fill('5');
		await admin.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
		await expect(version).toContainText(`Version ${before + 1}`);
		await expect(
			admin.getByRole('rowheader', { name: 'Situation sociale particulière' })
		).toBeVisible();

		// Its places: one « Moyens » at Cocon de Soie.
		await admin.getByRole('link', { name: 'Sessions' }).click();
		await admin.getByRole('link', { name: /Préparer la commission du 20 janvier 2027/ }).click();
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
			'Commission du 20 janvier 2027'
		);
		await admin.getByLabel(new RegExp(`Places Moyens : ${STRUCTURE}`)).fill('1');
		await admin.getByRole('button', { name: 'Enregistrer les places' }).click();
		const places = admin.getByTestId('places-left');
		await expect(places.getByRole('row', { name: new RegExp(STRUCTURE) })).toContainText(
			'Complet (1 place attribuée)'
		);

		// The agent: the file, its score explained, the manual check.
		// The agent prepares but does not plan: no capacity to edit, no close, no grid to edit.
		const url = admin.url();
		await agent.goto(url);
		await expect(agent.getByRole('heading', { level: 1 })).toHaveText(
			'Commission du 20 janvier 2027'
		);
		await expect(agent.getByRole('spinbutton')).toHaveCount(0);
		await expect(agent.getByRole('button', { name: 'Clore la commission' })).toHaveCount(0);
		const file = agent
			.getByRole('table', { name: /Dossiers examinés/ })
			.getByRole('row', { name: new RegExp(`n° ${number}\\b`) });
		await expect(file).toContainText('Moyens');
		await expect(file).toContainText(STRUCTURE);
		const score = file.locator('summary');
		const points = async () => Number((await score.textContent())!.match(/(\d+) pts/)![1]);
		const initial = await points();
		await score.click();
		await expect(file.getByText(/Ancienneté de la demande/)).toBeVisible();
		await file.getByRole('checkbox', { name: /Situation sociale particulière/ }).check();
		await expect(score).toContainText(`${initial + 5} pts`);
		await expect(file).toContainText(`Place proposée : ${STRUCTURE} (choix 1)`);
		await expectNoSeriousViolation(agent, '/agent/commission/[id]');

		// Hold with a reason: asked for first; then the place is free again, and said so.
		const adjust = file.getByRole('button', { name: `Ajuster la demande n° ${number}` });
		await adjust.click();
		const dialog = agent.getByRole('dialog', { name: `Ajuster la demande n° ${number}` });
		await dialog.getByRole('radio', { name: /Ajourner/ }).check();
		await expectNoSeriousViolation(agent, 'dialogue Ajuster');
		await dialog.getByRole('button', { name: 'Enregistrer l’ajustement' }).click();
		await expect(dialog.getByRole('alert')).toHaveText('Indiquez le motif de cet ajustement.');
		await dialog.getByLabel(/Motif/).fill('Attestation de domicile à revoir.');
		await dialog.getByRole('button', { name: 'Enregistrer l’ajustement' }).click();
		await expect(dialog).toBeHidden();
		await expect(adjust).toBeFocused();
		await expect(file).toContainText(
			'Non examinée à cette commission — ajustement : Attestation de domicile à revoir.'
		);
		const agentPlaces = agent.getByTestId('places-left').getByRole('row', {
			name: new RegExp(STRUCTURE)
		});
		await expect(agentPlaces).toContainText('1 place restante sur 1');
		await expect(
			agent.getByTestId('announcer').filter({ hasText: `Demande n° ${number} ajustée.` })
		).toContainText('Places restantes mises à jour');
		await file.getByRole('button', { name: /Revenir à la proposition/ }).click();
		await expect(file).toContainText(`Place proposée : ${STRUCTURE} (choix 1)`);
		await expect(agentPlaces).toContainText('Complet (1 place attribuée)');

		// The admin closes it: members, confirmation; frozen; the minutes answer.
		await admin.reload();
		await admin.getByRole('button', { name: 'Clore la commission' }).click();
		const close = admin.getByRole('dialog', { name: 'Clore la commission' });
		await close.getByLabel(/Membres présents/).fill('Mme Adjointe, M. Directeur, Bruno Admin');
		await expectNoSeriousViolation(admin, 'dialogue Clore la commission');
		await close.getByRole('button', { name: 'Clore la commission' }).click();
		await expect(close.getByRole('alert')).toContainText('Cochez la confirmation');
		await close.getByRole('checkbox', { name: /Je confirme/ }).check();
		await close.getByRole('button', { name: 'Clore la commission' }).click();
		await expect(close).toBeHidden();
		await expect(admin.getByRole('heading', { name: 'Commission close' })).toBeVisible();
		await expect(admin.getByText('Membres présents : Mme Adjointe')).toBeVisible();
		const frozen = admin
			.getByRole('table', { name: /Dossiers examinés/ })
			.getByRole('row', { name: new RegExp(`n° ${number}\\b`) });
		await expect(frozen).toContainText(`Place proposée : ${STRUCTURE} (choix 1)`);
		await expect(frozen.getByRole('button', { name: /Ajuster/ })).toHaveCount(0);
		await expect(admin.getByRole('button', { name: 'Clore la commission' })).toHaveCount(0);
		for (const name of ['Procès-verbal (PDF)', 'Version publique (anonymisée)']) {
			const href = await admin.getByRole('link', { name }).getAttribute('href');
			const pdf = await admin.request.get(href!);
			expect(pdf.status(), name).toBe(200);
			expect(pdf.headers()['content-type']).toContain('application/pdf');
		}
		await admin.getByRole('link', { name: 'Sessions' }).click();
		await expect(sessions.getByRole('row', { name: /20 janvier 2027/ })).toContainText('Close');
	} finally {
		await agent.context().close();
		await admin.context().close();
	}
});
