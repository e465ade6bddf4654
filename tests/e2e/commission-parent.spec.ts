// Issue 10, the family's side: the public page « Comment sont attribuées les places » (calendar
// and criteria from GET /api/commission, read again with no network), and a family with a place
// offered answering it offline: « En attente d’envoi », then with the network back « Admis » and
// its contract. The session, capacities and closing go through the real APIs as the admin.
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { agentPage, parentDeclaresChild, preRegisterLea, requestNumberShown } from './support/desk';
import { E2E_ADMIN, makeParent } from './support/factories';
import { waitForWorkerControl } from './support/pwa';

const LIVE_MS = 20_000;
const STRUCTURE_NAME = 'Cocon de Soie';

interface Session {
	id: string;
	date: string;
	periodStart: string;
	periodEnd: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** « 15 mars 2033 » (« 1er » for the first), as the app writes it. */
const longDay = frenchLongDay;

/** The admin's API client, in a browser context of its own (close it with `dispose()`). */
async function adminApi(browser: Browser) {
	const { baseURL } = test.info().project.use;
	const context = await browser.newContext({ baseURL });
	const login = await context.request.post('/api/auth/login', {
		data: { username: E2E_ADMIN.username, password: E2E_ADMIN.password }
	});
	expect(login.ok(), await login.text()).toBe(true);
	return { request: context.request, dispose: () => context.close() };
}

/**
 * A planned session far in the future (its own date: dates are unique), entry period the three
 * following months; no reminder can be due for it. Each test draws from years of its own, so that
 * one test's session never covers the other's entry period.
 */
async function planSession(
	request: APIRequestContext,
	years: [first: number, count: number]
): Promise<Session> {
	for (let attempt = 0; attempt < 8; attempt++) {
		const year = years[0] + Math.floor(Math.random() * years[1]);
		const month = 1 + Math.floor(Math.random() * 9);
		const day = 1 + Math.floor(Math.random() * 28);
		const end = month + 3;
		const body = {
			date: `${year}-${pad(month)}-${pad(day)}`,
			periodStart: `${year}-${pad(month + 1)}-01`,
			periodEnd: `${year}-${pad(end)}-${pad(lastDay(year, end))}`
		};
		const res = await request.post('/api/agent/commission/sessions', { data: body });
		if (res.status() === 409) continue;
		expect(res.status(), await res.text()).toBe(201);
		const { session } = (await res.json()) as { session: Session };
		return session;
	}
	throw new Error('no free session date found');
}

test('the public page shows the calendar and the criteria, and reads again offline', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const admin = await adminApi(browser);
	let session: Session;
	try {
		session = await planSession(admin.request, [2031, 7]); // not the answer journey's years
	} finally {
		await admin.dispose();
	}

	// From the home page.
	await page.goto('/');
	await page.getByRole('link', { name: 'comment sont attribuées les places' }).click();
	await expect(page).toHaveURL(/\/commission$/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Comment sont attribuées les places' })
	).toBeVisible();

	const calendar = page.getByRole('region', { name: 'Calendrier des commissions' });
	const row = calendar.getByRole('row', { name: new RegExp(longDay(session.date)) });
	await expect(row).toContainText(
		`du ${longDay(session.periodStart)} au ${longDay(session.periodEnd)}`
	);
	await expect(row).toContainText('À venir');
	// The grid in force, each criterion with its points, as the public API gives it.
	const published = (await (await page.request.get('/api/commission')).json()) as {
		criteria: { label: string; points: number }[];
	};
	expect(published.criteria.length).toBeGreaterThan(0);
	const criteria = page.getByRole('region', { name: 'Les critères et leurs points' });
	await expect(criteria.getByRole('row')).toHaveCount(published.criteria.length + 1);
	for (const c of published.criteria)
		await expect(criteria.getByRole('row', { name: c.label })).toContainText(`${c.points} point`);
	await expect(criteria).toContainText('la demande la plus ancienne passe en premier');
	await expect(page.getByRole('region', { name: 'Répondre à une place proposée' })).toContainText(
		'au plus tard 48 heures après'
	);
	await expectNoA11yViolations(page, 'comment sont attribuées les places');

	// No network: the page and its data, as kept on the device.
	await waitForWorkerControl(page);
	await page.context().setOffline(true);
	try {
		await page.reload();
		await expect(
			page.getByRole('region', { name: 'Calendrier des commissions' }).getByRole('row', {
				name: new RegExp(longDay(session.date))
			})
		).toBeVisible();
		await expect(criteria.getByRole('row')).toHaveCount(published.criteria.length + 1);
	} finally {
		await page.context().setOffline(false);
	}
});

test('a family answers the place offered offline; back online it is « Admis » with its contract', async ({
	page,
	browser
}) => {
	test.setTimeout(300_000);
	const admin = await adminApi(browser);
	try {
		// The household: Léa declared, validated by an agent.
		const parent = makeParent();
		const declaration = await parentDeclaresChild(page, parent);
		const agent = await agentPage(browser);
		try {
			await agent.getByRole('link', { name: `n° ${declaration}`, exact: true }).click({
				timeout: LIVE_MS
			});
			await agent.getByRole('button', { name: 'Valider MARTIN Léa' }).click();
			await expect(agent.getByRole('region', { name: 'Membres déclarés' })).toContainText('Validé');
		} finally {
			await agent.context().close();
		}

		// A session to come; Léa's pre-registration for its entry period, complete.
		const session = await planSession(admin.request, [2031, 7]); // not the answer journey's years
		await waitForWorkerControl(page);
		await preRegisterLea(page, { wished: session.periodStart, structure: STRUCTURE_NAME });
		const number = await requestNumberShown(page, LIVE_MS);
		const done = await admin.request.post(`/api/agent/requests/${number}/actions`, {
			data: { action: 'complete' }
		});
		expect(done.ok(), await done.text()).toBe(true);

		// The request page names the session it waits for.
		await page.goto('/espace/demandes');
		await page.getByRole('link', { name: new RegExp(`n° ${number}`) }).click();
		await expect(page.getByText(`Prochaine commission : le ${longDay(session.date)}.`)).toBeVisible(
			{ timeout: LIVE_MS }
		);

		// One place in Cocon de Soie; every other file of the session held; closed.
		const caps = await admin.request.get(`/api/agent/commission/sessions/${session.id}/capacities`);
		const { items } = (await caps.json()) as {
			items: { structureId: string; name: string }[];
		};
		const cocon = items.find((s) => s.name.includes(STRUCTURE_NAME))!;
		const put = await admin.request.put(`/api/agent/commission/sessions/${session.id}/capacities`, {
			data: {
				items: items.map((s) => ({
					structureId: s.structureId,
					babies: 0,
					toddlers: 0,
					older: s === cocon ? 1 : 0
				}))
			}
		});
		expect(put.ok(), await put.text()).toBe(true);
		const files = await admin.request.get(`/api/agent/commission/sessions/${session.id}/files`);
		const { items: examined } = (await files.json()) as { items: { number: number }[] };
		expect(examined.map((f) => f.number)).toContain(number);
		for (const f of examined.filter((f) => f.number !== number)) {
			const held = await admin.request.put(
				`/api/agent/commission/sessions/${session.id}/adjustments/${f.number}`,
				{ data: { kind: 'hold', reason: 'Examiné par un autre parcours de test.' } }
			);
			expect(held.ok(), await held.text()).toBe(true);
		}
		const close = await admin.request.post(`/api/agent/commission/sessions/${session.id}/close`, {
			data: { members: 'Mme Durand (élue, présidente), M. Leroy (chef de service)' }
		});
		expect(close.ok(), await close.text()).toBe(true);

		// The family's page: the place offered, until when to answer.
		const offer = page.getByRole('region', { name: 'Une place vous est proposée' });
		await expect(offer).toContainText(STRUCTURE_NAME, { timeout: LIVE_MS });
		await expect(offer).toContainText(longDay(session.periodStart));
		await expect(offer).toContainText(/Répondez avant le \d+(er)? \S+ \d{4} à \d\d:\d\d\./);
		await expect(page.getByText('Place proposée').first()).toBeVisible();
		await expectNoA11yViolations(page, 'réponse à une place proposée');

		// Offline: the answer is kept on the device, with the 48 h rule said.
		await page.context().setOffline(true);
		await expect(offer).toContainText('Vous êtes hors ligne : votre réponse sera envoyée', {
			timeout: LIVE_MS
		});
		await offer.getByRole('button', { name: 'J’accepte la place' }).click();
		const dialog = page.getByRole('dialog', { name: 'Accepter cette place ?' });
		await expect(dialog).toContainText('au plus tard 48 heures après');
		await expectNoA11yViolations(page, 'confirmation de la réponse');
		await dialog.getByRole('button', { name: 'Oui, j’accepte la place' }).click();
		await expect(dialog).toBeHidden();
		await expect(offer).toContainText('En attente d’envoi');

		// The network returns: accepted, « Admis », the contract on the page and in the API.
		await page.context().setOffline(false);
		await expect(page.getByText('Admis', { exact: true }).first()).toBeVisible({
			timeout: 40_000
		});
		const contract = page.getByRole('region', { name: 'Votre contrat d’accueil' });
		await expect(contract).toContainText(STRUCTURE_NAME);
		await expect(contract).toContainText(longDay(session.periodStart));
		await expect(contract).toContainText('Planning hebdomadaire à convenir avec la structure');
		const mine = await page.request.get('/api/family/contracts');
		expect(mine.ok()).toBe(true);
		const { items: contracts } = (await mine.json()) as {
			items: { structureName: string; startDate: string }[];
		};
		expect(contracts).toEqual([expect.objectContaining({ startDate: session.periodStart })]);
	} finally {
		await admin.dispose();
	}
});
