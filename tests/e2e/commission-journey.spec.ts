// Issue 10 « Done when », end to end: three families pre-register Léa for Les Cèdres (the third
// offline, delivered when the network returns); the agent marks the three complete; the admin
// plans a session of this journey's own with two « Grands » places there; the proposal offers them
// to the two best scores and puts the third on the waiting list; the admin closes the session;
// the second family declines in the app; the third receives the freed place, accepts, and is
// « Admis » with its contract. Every family's mail reached the real SMTP server.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { agentPage, parentDeclaresChild, preRegisterLea, requestNumberShown } from './support/desk';
import { E2E_ADMIN, makeParent, type Parent } from './support/factories';
import { waitForMail } from './support/mailbox';
import { waitForWorkerControl } from './support/pwa';

const STRUCTURE = 'Les Cèdres';
const LIVE_MS = 20_000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A session no other journey uses: its own date (unique) and entry period, far ahead, so that
 * only this journey's families wish an entry in it. Léa (born 2025-03-02) is then « Grands ».
 */
function ownSession() {
	const year = 2046 + Math.floor(Math.random() * 30);
	const month = 1 + Math.floor(Math.random() * 9);
	const day = 1 + Math.floor(Math.random() * 28);
	return {
		date: `${year}-${pad(month)}-${pad(day)}`,
		periodStart: `${year}-${pad(month + 1)}-01`,
		periodEnd: `${year}-${pad(month + 1)}-28`,
		/** « 12 mars 2050 » */
		label: frenchLongDay(`${year}-${pad(month)}-${pad(day)}`)
	};
}

interface Family {
	parent: Parent;
	page: Page;
	number: number;
}

async function familyPage(browser: Browser): Promise<Page> {
	const { baseURL, locale, timezoneId } = test.info().project.use;
	const context = await browser.newContext({ baseURL, locale, timezoneId });
	return context.newPage();
}

/** The family declares Léa; the agent validates her; the family reads « Validé ». */
async function declaredAndValidated(page: Page, agent: Page, parent: Parent) {
	const declaration = await parentDeclaresChild(page, parent);
	await agent.goto(`/agent/demandes/${declaration}`);
	await agent.getByRole('button', { name: 'Valider MARTIN Léa' }).click();
	await expect(agent.getByRole('region', { name: 'Membres déclarés' })).toContainText('Validé');
	await page.goto('/espace/entourage');
	await expect(page.getByText('Validé', { exact: true })).toBeVisible({ timeout: LIVE_MS });
}

async function markComplete(agent: Page, number: number) {
	await agent.goto(`/agent/demandes/${number}`);
	await agent.getByRole('button', { name: 'Marquer complète', exact: true }).click();
	const dialog = agent.getByRole('dialog', { name: /Marquer complète/ });
	await dialog.getByRole('button', { name: /Confirmer/ }).click();
	await expect(dialog).toBeHidden();
	await expect(agent.getByRole('region', { name: 'Historique' })).toContainText('Complète');
}

async function openRequest(f: Family) {
	await f.page.goto('/espace/demandes');
	await f.page.getByRole('link', { name: new RegExp(`n° ${f.number}\\b`) }).click();
}

test('three files, two places: the declined place goes to the waiting family, who accepts', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const session = ownSession();
	const agent = await agentPage(browser);
	const admin = await agentPage(browser, E2E_ADMIN);
	const pages: Page[] = [];
	try {
		// Three households, Léa validated in each.
		const parents = [makeParent(), makeParent(), makeParent()];
		for (const parent of parents) {
			const page = await familyPage(browser);
			pages.push(page);
			await declaredAndValidated(page, agent, parent);
		}
		const [pa, pb, pc] = pages as [Page, Page, Page];
		// A: both parents work, live here (the best score); B: one parent works, lives here;
		// C: one parent works, lives elsewhere — pre-registered offline, delivered later.
		await preRegisterLea(pa, {
			wished: session.periodStart,
			structure: STRUCTURE,
			resident: true,
			working: [
				'Parent 1 travaille ou suit une formation',
				'Parent 2 travaille ou suit une formation'
			]
		});
		const a: Family = { parent: parents[0]!, page: pa, number: await requestNumberShown(pa) };
		await preRegisterLea(pb, {
			wished: session.periodStart,
			structure: STRUCTURE,
			resident: true,
			working: ['Parent 1 travaille ou suit une formation']
		});
		const b: Family = { parent: parents[1]!, page: pb, number: await requestNumberShown(pb) };
		// Signed in online, the device keeps the structures (no visit to the form needed).
		await waitForWorkerControl(pc);
		await pc.waitForFunction(() => (localStorage.getItem('ef:structures') ?? '[]').length > 2);
		await pc.context().setOffline(true);
		await preRegisterLea(pc, {
			wished: session.periodStart,
			structure: STRUCTURE,
			resident: false,
			working: ['Parent 1 travaille ou suit une formation']
		});
		await expect(pc.getByText('En attente d’envoi', { exact: true }).first()).toBeVisible();
		await pc.context().setOffline(false);
		const c: Family = { parent: parents[2]!, page: pc, number: await requestNumberShown(pc) };

		for (const f of [a, b, c]) await markComplete(agent, f.number);

		// The admin plans the session with two « Grands » places at Les Cèdres.
		await admin.goto('/agent/commission');
		await admin.getByRole('button', { name: 'Ajouter une commission' }).click();
		const add = admin.getByRole('dialog', { name: 'Ajouter une commission' });
		await add.getByLabel(/Date de la commission/).fill(session.date);
		await add.getByLabel(/Début de la période/).fill(session.periodStart);
		await add.getByLabel(/Fin de la période/).fill(session.periodEnd);
		await add.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(add).toBeHidden();
		await admin
			.getByRole('link', { name: new RegExp(`Préparer la commission du ${session.label}`) })
			.click();
		await admin.getByLabel(new RegExp(`Places Grands : ${STRUCTURE}`)).fill('2');
		await admin.getByRole('button', { name: 'Enregistrer les places' }).click();

		// The proposal: the two best scores get the places, the third waits (rank 1).
		const files = admin.getByRole('table', { name: /Dossiers examinés/ });
		const row = (f: Family) => files.getByRole('row', { name: new RegExp(`n° ${f.number}\\b`) });
		await expect(row(a)).toContainText(`Place proposée : ${STRUCTURE} (choix 1)`);
		await expect(row(b)).toContainText(`Place proposée : ${STRUCTURE} (choix 1)`);
		await expect(row(c)).toContainText('Liste d’attente');

		// Other journeys' complete files with an entry date already past on this far-off day are
		// examined too: held (not decided by this session), each with its reason.
		const sessionId = admin.url().split('/').pop()!;
		const listed = await admin.request.get(`/api/agent/commission/sessions/${sessionId}/files`);
		const examined = ((await listed.json()) as { items: { number: number }[] }).items;
		const ours = new Set([a.number, b.number, c.number]);
		for (const other of examined.filter((i) => !ours.has(i.number))) {
			const held = await admin.request.put(
				`/api/agent/commission/sessions/${sessionId}/adjustments/${other.number}`,
				{ data: { kind: 'hold', reason: 'Examiné par un autre parcours de test.' } }
			);
			expect(held.ok(), await held.text()).toBe(true);
		}
		await admin.reload();
		await expect(row(b)).toContainText(`Place proposée : ${STRUCTURE} (choix 1)`);

		// Closed, with its members: decisions frozen.
		await admin.getByRole('button', { name: 'Clore la commission' }).click();
		const close = admin.getByRole('dialog', { name: 'Clore la commission' });
		await close.getByLabel(/Membres présents/).fill('Mme Durand (élue), M. Leroy, Bruno Admin');
		await close.getByRole('checkbox', { name: /Je confirme/ }).check();
		await close.getByRole('button', { name: 'Clore la commission' }).click();
		await expect(close).toBeHidden();
		await expect(admin.getByRole('heading', { name: 'Commission close' })).toBeVisible();

		// Each family's answer, in the app and by mail.
		for (const f of [a, b])
			await waitForMail({
				to: f.parent.email,
				subject: `Une place vous est proposée : ${STRUCTURE} (demande n° ${f.number})`
			});
		await waitForMail({
			to: c.parent.email,
			subject: `Votre demande n° ${c.number} : Liste d’attente`
		});
		await openRequest(c);
		await expect(c.page.getByText('Liste d’attente').first()).toBeVisible({ timeout: LIVE_MS });

		// B declines in the app.
		await openRequest(b);
		const offerB = b.page.getByRole('region', { name: 'Une place vous est proposée' });
		await expect(offerB).toContainText(STRUCTURE, { timeout: LIVE_MS });
		await offerB.getByRole('button', { name: 'Je refuse la place' }).click();
		const decline = b.page.getByRole('dialog', { name: 'Refuser cette place ?' });
		await decline.getByLabel(/Motif du refus/).fill('Nous avons trouvé une assistante maternelle.');
		await decline.getByRole('button', { name: 'Oui, je refuse la place' }).click();
		await expect(b.page.getByText('Place déclinée').first()).toBeVisible({ timeout: LIVE_MS });

		// C, first on the waiting list, is offered the freed place without waiting for a session.
		const offerC = c.page.getByRole('region', { name: 'Une place vous est proposée' });
		await expect(offerC).toContainText(STRUCTURE, { timeout: LIVE_MS });
		await waitForMail({
			to: c.parent.email,
			subject: `Une place vous est proposée : ${STRUCTURE} (demande n° ${c.number})`
		});
		await offerC.getByRole('button', { name: 'J’accepte la place' }).click();
		await c.page
			.getByRole('dialog', { name: 'Accepter cette place ?' })
			.getByRole('button', { name: 'Oui, j’accepte la place' })
			.click();
		await expect(c.page.getByText('Admis', { exact: true }).first()).toBeVisible({
			timeout: LIVE_MS
		});
		const contract = c.page.getByRole('region', { name: 'Votre contrat d’accueil' });
		await expect(contract).toContainText(STRUCTURE);
		await waitForMail({
			to: c.parent.email,
			subject: `Place confirmée : ${STRUCTURE} (demande n° ${c.number})`
		});

		// The contract exists for the service (what billing starts from).
		const contracts = await admin.request.get('/api/agent/contracts');
		expect(contracts.ok()).toBe(true);
		const { items } = (await contracts.json()) as {
			items: { number: number; structureName: string; startDate: string; status: string }[];
		};
		expect(items.find((i) => i.number === c.number)).toMatchObject({
			structureName: STRUCTURE,
			startDate: session.periodStart,
			status: 'Admis'
		});
		expect(items.find((i) => i.number === b.number)).toBeUndefined();
	} finally {
		for (const p of pages) await p.context().close();
		await agent.context().close();
		await admin.context().close();
	}
});
