// Issue 4 — the installable PWA in Chromium: worker control, offline start with a session,
// sync status, refusals, 401 and sign-out rules, manifest and install action, accessibility.
// Runs against a private demo server (support/pwa-server) so the family has a household.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WCAG_TAGS } from './support/axe';
import {
	enableDiagnostics,
	pngSize,
	waitForApp,
	readLocalDoc,
	signInDemoParent,
	uuid,
	waitForWorkerControl,
	writeLocalDoc
} from './support/pwa';
import { buildCopy, PwaServer } from './support/pwa-server';

let server: PwaServer;

test.beforeAll(async () => {
	server = await PwaServer.start(await buildCopy('main'));
});
test.afterAll(async () => server?.dispose());

test.use({ baseURL: undefined });
test.beforeEach(async ({ context }) => {
	await enableDiagnostics(context);
});

async function axe(page: import('@playwright/test').Page, selector: string) {
	const results = await new AxeBuilder({ page }).include(selector).withTags(WCAG_TAGS).analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.help}`),
		`axe on ${selector}`
	).toEqual([]);
}

test('the worker installs, controls the page and never caches /api or /sync', async ({ page }) => {
	await page.goto(`${server.baseUrl}/`);
	await waitForWorkerControl(page);
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys())
				urls.push(new URL(request.url).pathname);
		}
		return urls;
	});
	expect(cached).toContain('/200.html');
	expect(cached).toContain('/manifest.webmanifest');
	expect(cached.some((u) => u.startsWith('/_app/immutable/'))).toBe(true);
	expect(cached.filter((u) => /^\/(api|sync)\//.test(u))).toEqual([]);
});

test('the manifest is valid and its icons have their declared sizes', async ({ page, request }) => {
	await page.goto(`${server.baseUrl}/`);
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
	const response = await request.get(`${server.baseUrl}${href}`);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: 'Espace Famille',
		display: 'standalone',
		scope: '/',
		lang: 'fr'
	});
	expect(manifest.short_name.length).toBeLessThanOrEqual(15);
	expect(manifest.start_url.startsWith('/')).toBe(true);
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
	const pngs = [...manifest.icons, ...manifest.screenshots].filter(
		(i: { type: string }) => i.type === 'image/png'
	);
	for (const size of ['192x192', '512x512']) {
		expect(
			manifest.icons.some(
				(i: { sizes: string; purpose?: string }) => i.sizes === size && i.purpose !== 'maskable'
			)
		).toBe(true);
	}
	expect(manifest.icons.some((i: { purpose?: string }) => i.purpose?.includes('maskable'))).toBe(
		true
	);
	for (const icon of pngs) {
		const file = await request.get(`${server.baseUrl}${icon.src}`);
		expect(file.headers()['content-type'], icon.src).toBe('image/png');
		const { width, height } = pngSize(await file.body());
		expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
	}
	const apple = await request.get(`${server.baseUrl}/icons/apple-touch-icon.png`);
	expect(pngSize(await apple.body())).toEqual({ width: 180, height: 180 });
});

test('Chromium: the install action appears on beforeinstallprompt and replays it', async ({
	page
}) => {
	await page.goto(`${server.baseUrl}/`);
	await waitForApp(page);
	await expect(page.getByRole('button', { name: "Installer l'application" })).toHaveCount(0);
	await page.evaluate(() => {
		const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
			userChoice: Promise.resolve({ outcome: 'accepted' })
		});
		window.dispatchEvent(event);
	});
	const install = page.getByRole('button', { name: "Installer l'application" });
	await expect(install).toBeVisible();
	await axe(page, '[data-testid="pwa-install"]');
	await install.click();
	expect(await page.evaluate(() => (window as unknown as { prompted: boolean }).prompted)).toBe(
		true
	);
	await expect(page.getByTestId('pwa-install')).toHaveCount(0);
});

test.describe('iOS Safari', () => {
	test.use({
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
		hasTouch: true
	});
	test('shows the how-to: Partager → Sur l’écran d’accueil', async ({ page }) => {
		await page.goto(`${server.baseUrl}/`);
		const howTo = page.getByTestId('pwa-install');
		await expect(howTo).toContainText('Partager');
		await expect(howTo).toContainText("Sur l'écran d'accueil");
		await axe(page, '[data-testid="pwa-install"]');
		await howTo.getByRole('button', { name: 'Fermer' }).click();
		await expect(howTo).toHaveCount(0);
	});
});

const OFFLINE_BANNER = 'Vous êtes hors connexion';
const NEEDS_NETWORK_TEXT = 'Cette action nécessite une connexion internet';
/** Offline → online is noticed by a probe with backoff (2 s doubling): allow a few steps. */
const BACK_ONLINE_MS = 40_000;

/** The banner, the status bar and the network-only sync button all say "offline". */
async function expectOfflineEverywhere(page: import('@playwright/test').Page) {
	await expect(page.getByText(OFFLINE_BANNER)).toBeVisible();
	await expect(page.getByTestId('pwa-status')).toContainText(
		'Hors ligne — vos saisies sont enregistrées sur cet appareil'
	);
	await expect(page.getByTestId('pwa-status')).not.toContainText('Envoi momentanément impossible');
}

test('offline, the sign-in form says it needs the network and comes back by itself', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.goto(`${server.baseUrl}/`);
	await waitForWorkerControl(page);
	const signIn = page.getByRole('button', { name: 'Connexion', exact: true });
	await expect(signIn).toBeEnabled();
	await context.setOffline(true);
	await page.reload();
	// Whatever navigator.onLine says in this build, a sign-in that gets no answer means offline.
	await page.getByLabel('Identifiant', { exact: false }).first().fill('parent.demo');
	await page.getByLabel('Mot de passe', { exact: false }).first().fill('Demo-Famille-2026');
	if (await signIn.isEnabled()) await signIn.click();
	await expect(
		page.getByText('La connexion à votre espace nécessite une connexion internet')
	).toBeVisible();
	await expect(signIn).toBeDisabled();
	await axe(page, 'form.login');
	await context.setOffline(false);
	await expect(signIn).toBeEnabled({ timeout: BACK_ONLINE_MS });
	await expect(
		page.getByText('La connexion à votre espace nécessite une connexion internet')
	).toHaveCount(0);
});

test('offline start with a session: / and the dashboard open from the cache with local data', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.goto(`${server.baseUrl}/`);
	await waitForWorkerControl(page);
	await signInDemoParent(page, server.baseUrl);

	const synced = await writeLocalDoc(page, {
		_id: `entourage:${uuid()}`,
		type: 'entourage',
		state: 'draft',
		members: []
	});
	await expect(page.getByTestId('pwa-status')).toContainText('Synchronisé à');
	await expect
		.poll(() =>
			page.evaluate(
				async (id) =>
					(
						await fetch(
							`/sync/${JSON.parse(localStorage.getItem('ef:me')!).syncUrl.split('/sync/')[1]}/${encodeURIComponent(id)}`,
							{ credentials: 'include' }
						)
					).status,
				synced
			)
		)
		.toBe(200);

	await context.setOffline(true);
	await expect(page.getByTestId('pwa-status')).toContainText(
		'Hors ligne — vos saisies sont enregistrées sur cet appareil'
	);
	const offlineDoc = await writeLocalDoc(page, {
		_id: `entourage:${uuid()}`,
		type: 'entourage',
		state: 'draft',
		members: []
	});
	await expect(page.getByTestId('pwa-status')).toContainText("1 élément en attente d'envoi");
	await axe(page, '[data-testid="pwa-status"]');
	// Background Sync (Chromium): the pending change registered the tag that wakes the worker.
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
					sync?: { getTags(): Promise<string[]> };
				};
				return registration.sync ? registration.sync.getTags() : ['unsupported'];
			})
		)
		.toContain('ef-sync');

	// A fresh page in the same profile, offline: the app starts from the worker's cache. Here
	// Chromium may report `navigator.onLine === true` (as phones do on a dead network): what the
	// parent sees must not depend on it.
	await page.close();
	const again = await context.newPage();
	await again.goto(`${server.baseUrl}/espace`);
	await expect(again.getByRole('heading', { level: 1 })).toContainText('Bonjour Madame DÉMO');
	await expect(again.getByTestId('pwa-status')).toContainText("1 élément en attente d'envoi");
	await expectOfflineEverywhere(again);
	// The card shows the last visit's data, as the banner says, not a connection error.
	const card = again.getByRole('region', { name: 'Mon espace' });
	await expect(card).toContainText('Claire DÉMO');
	await expect(card).not.toContainText('Connexion impossible');
	expect(await readLocalDoc(again, offlineDoc)).toMatchObject({ type: 'entourage' });
	expect(await readLocalDoc(again, synced)).toMatchObject({ type: 'entourage' });

	await again.reload();
	await expect(again.getByRole('heading', { level: 1 })).toContainText('Bonjour Madame DÉMO');
	await again.goto(`${server.baseUrl}/`);
	await expect(again.getByRole('heading', { level: 1 })).toBeVisible();

	await again.goto(`${server.baseUrl}/espace/stockage`);
	await expect(again.getByTestId('storage-pending')).toContainText("1 élément en attente d'envoi");
	await expect(again.getByRole('button', { name: 'Synchroniser maintenant' })).toBeDisabled();
	await expect(again.getByText('Cette action nécessite une connexion internet')).toBeVisible();
	await axe(again, '.storage');

	// Back online, with no action from the parent: the pending change leaves and every offline
	// sign switches together (the probe's backoff may wait a few seconds before noticing).
	await context.setOffline(false);
	await expect(again.getByTestId('storage-pending')).toContainText('Aucun élément', {
		timeout: BACK_ONLINE_MS
	});
	await expect(again.getByTestId('pwa-status')).toContainText('Synchronisé à');
	await expect(again.getByText(OFFLINE_BANNER)).toHaveCount(0);
	await expect(again.getByRole('button', { name: 'Synchroniser maintenant' })).toBeEnabled();
	await again.getByRole('button', { name: 'Synchroniser maintenant' }).click();
	await expect(again.getByText('Synchronisation terminée.')).toBeVisible();
});

test('after a browser restart, offline, the dashboard opens with the family’s local data', async ({
	playwright
}) => {
	test.setTimeout(120_000);
	const profile = await mkdtemp(join(tmpdir(), 'ef-pwa-profile-'));
	const launch = () =>
		playwright.chromium.launchPersistentContext(profile, {
			...test.info().project.use.launchOptions,
			locale: 'fr-FR',
			timezoneId: 'Europe/Paris'
		});
	try {
		let context = await launch();
		await enableDiagnostics(context);
		let page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${server.baseUrl}/`);
		await waitForWorkerControl(page);
		await signInDemoParent(page, server.baseUrl);
		await context.setOffline(true);
		const id = await writeLocalDoc(page, {
			_id: `entourage:${uuid()}`,
			type: 'entourage',
			state: 'draft'
		});
		await expect(page.getByTestId('pwa-status')).toContainText("1 élément en attente d'envoi");
		await context.close();

		context = await launch();
		await enableDiagnostics(context);
		await context.setOffline(true);
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${server.baseUrl}/espace`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour Madame DÉMO');
		await expectOfflineEverywhere(page);
		await expect(page.getByTestId('pwa-status')).toContainText("1 élément en attente d'envoi");
		expect(await readLocalDoc(page, id)).toMatchObject({ type: 'entourage' });
		await context.setOffline(false);
		await expect(page.getByTestId('pwa-status')).toContainText('Synchronisé à', {
			timeout: BACK_ONLINE_MS
		});
		await expect(page.getByText(OFFLINE_BANNER)).toHaveCount(0);
		await context.close();
	} finally {
		await rm(profile, { recursive: true, force: true });
	}
});

test('a refused document is listed with the server’s reason', async ({ page }) => {
	await signInDemoParent(page, server.baseUrl);
	await writeLocalDoc(page, { _id: `svc:${uuid()}`, type: 'status' });
	await expect(page.getByTestId('pwa-status')).toContainText('1 document refusé');
	await page.getByRole('link', { name: 'Détails' }).click();
	await expect(page.getByText('géré par le service petite enfance').first()).toBeVisible();
	await page.getByText('Historique des envois').click();
	await expect(page.locator('.storage details')).toContainText('Document refusé');
	await axe(page, '.storage');
});

test('an edit of a submitted request is refused with its reason; the device gets the submitted content back', async ({
	page
}) => {
	await signInDemoParent(page, server.baseUrl);
	const id = `entourage:${uuid()}`;
	const members = [
		{ id: uuid(), role: 'child', lastName: 'Exemple', firstNames: 'Léa', birthDate: '2026-03-14' }
	];
	await writeLocalDoc(page, { _id: id, type: 'entourage', state: 'submitted', members });
	// The request's status document comes back from the service: the submission reached it.
	await expect
		.poll(() => readLocalDoc(page, `svc:status:${id}`))
		.toMatchObject({
			status: 'Déposée'
		});
	const submitted = (await readLocalDoc(page, id))!;
	await writeLocalDoc(page, { ...submitted, state: 'draft', members: [] });

	await expect(page.getByTestId('pwa-status')).toContainText('1 document refusé');
	// SYNC_SPEC S-OWN-5: the server answers with the submitted content, which wins on the device.
	await expect.poll(async () => (await readLocalDoc(page, id))?.state).toBe('submitted');
	expect(await readLocalDoc(page, id)).toMatchObject({ members });
	await page.getByRole('link', { name: 'Détails' }).click();
	await expect(page.locator('.storage ul > li').filter({ hasText: id })).toContainText(
		'Cette demande a déjà été transmise au service : elle ne peut plus être modifiée.'
	);
});

test('a 401 pauses sync and keeps local data; sign-out never erases unsent changes silently', async ({
	page,
	context
}) => {
	await signInDemoParent(page, server.baseUrl);
	await context.setOffline(true);
	const first = await writeLocalDoc(page, {
		_id: `entourage:${uuid()}`,
		type: 'entourage',
		state: 'draft'
	});
	await context.clearCookies(); // the session ends on the server side
	await context.setOffline(false);
	await expect(page.getByTestId('pwa-status')).toContainText('Session expirée');
	expect(await readLocalDoc(page, first)).toMatchObject({ type: 'entourage' });

	// Signing in again resumes sync and delivers what waited.
	await page.getByRole('link', { name: 'Se reconnecter' }).click();
	await expect(page.getByLabel('Identifiant')).toBeVisible();
	await signInDemoParent(page, server.baseUrl);
	await page.goto(`${server.baseUrl}/espace/stockage`);
	await expect(page.getByTestId('storage-status')).toContainText('Synchronisé à');
	await expect(page.getByTestId('storage-pending')).toContainText('Aucun élément');

	await context.setOffline(true);
	const second = await writeLocalDoc(page, {
		_id: `entourage:${uuid()}`,
		type: 'entourage',
		state: 'draft'
	});
	await expect(page.getByTestId('storage-pending')).toContainText("1 élément en attente d'envoi");
	const refused = await page.evaluate(() => window.__espaceFamille.syncManager.signOut());
	expect(refused).toEqual({ erased: false, pending: 1 });
	expect(await readLocalDoc(page, second)).not.toBeNull();
	const erased = await page.evaluate(() =>
		window.__espaceFamille.syncManager.signOut({ confirmUnsynced: true })
	);
	expect(erased).toEqual({ erased: true });
	const databases = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name)
	);
	expect(databases.filter((n) => n?.startsWith('_pouch_ef-hh-'))).toEqual([]);
	expect(await page.evaluate(() => localStorage.getItem('ef:me'))).toBeNull();
});

test('offline, Profil keeps its form on the device and Identifiants says up front it needs the network', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await page.goto(`${server.baseUrl}/`);
	await waitForWorkerControl(page);
	await signInDemoParent(page, server.baseUrl);
	await page.goto(`${server.baseUrl}/espace/profil`);
	await expect(page.getByLabel('Nom usuel')).toHaveValue('Démo');

	await context.setOffline(true);
	const offline = await context.newPage();
	await offline.goto(`${server.baseUrl}/espace/profil`);
	await expect(offline.getByLabel('Nom usuel')).toHaveValue('Démo');
	await expect(offline.getByLabel('Commune')).toHaveValue('Vienne');
	const save = offline.getByRole('button', { name: 'Enregistrer' });
	await expect(save).toBeDisabled();
	await expect(offline.getByText(NEEDS_NETWORK_TEXT)).toBeVisible();
	await expectOfflineEverywhere(offline);
	// What the parent types offline stays on the device, even across a reload.
	await offline.getByLabel('Mobile').fill('06 12 34 56 78');
	await offline.reload();
	await expect(offline.getByLabel('Mobile')).toHaveValue('06 12 34 56 78');

	await offline.goto(`${server.baseUrl}/espace/identifiants`);
	// Both forms of the page (password, e-mail) say it up front and wait for the network.
	await expect(offline.getByText(NEEDS_NETWORK_TEXT)).toHaveCount(2);
	await expect(offline.getByText(NEEDS_NETWORK_TEXT).first()).toBeVisible();
	await expect(offline.getByRole('button', { name: 'Modifier mon mot de passe' })).toBeDisabled();
	await expect(offline.getByRole('button', { name: 'Modifier mon courriel' })).toBeDisabled();
	await axe(offline, 'main');

	// Back online: the actions come back by themselves and the offline draft is sent.
	await context.setOffline(false);
	await expect(offline.getByRole('button', { name: 'Modifier mon mot de passe' })).toBeEnabled({
		timeout: BACK_ONLINE_MS
	});
	await expect(offline.getByText(NEEDS_NETWORK_TEXT)).toHaveCount(0);
	await offline.goto(`${server.baseUrl}/espace/profil`);
	await expect(offline.getByLabel('Mobile')).toHaveValue('06 12 34 56 78');
	await offline.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(offline.getByText('Vos modifications ont été enregistrées.')).toBeVisible();
	await offline.reload();
	await expect(offline.getByLabel('Mobile')).toHaveValue('06 12 34 56 78');
});

test('signing out offline ends the server session as soon as the network returns', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(120_000);
	await page.goto(`${server.baseUrl}/`);
	await waitForWorkerControl(page);
	await signInDemoParent(page, server.baseUrl);
	const cookie = (await context.cookies()).find((c) => c.name === 'ef_session');
	expect(cookie).toBeDefined();
	const withOldCookie = () =>
		request.get(`${server.baseUrl}/api/me`, {
			headers: { cookie: `${cookie!.name}=${cookie!.value}` }
		});
	expect((await withOldCookie()).status()).toBe(200);

	await context.setOffline(true);
	await expect(page.getByTestId('pwa-status')).toContainText('Hors ligne');
	await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
	await expect(page.getByLabel('Identifiant')).toBeVisible();

	// Back online (the shared phone's next user): /espace does not open with the old cookie,
	// and the server no longer accepts it.
	await context.setOffline(false);
	const next = await context.newPage();
	await next.goto(`${server.baseUrl}/espace`);
	await expect(next.getByLabel('Identifiant')).toBeVisible();
	await expect(next.getByRole('heading', { level: 1 })).not.toContainText('Bonjour');
	await expect.poll(async () => (await withOldCookie()).status()).toBe(401);
	expect(await next.evaluate(() => localStorage.getItem('ef:me'))).toBeNull();
});

test.describe('without service workers (blocked, or an old browser)', () => {
	test.use({ serviceWorkers: 'block' });
	test('signs in and uses the dashboard with no page error', async ({ page }) => {
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await signInDemoParent(page, server.baseUrl);
		await expect(page.getByRole('region', { name: 'Mon espace' })).toContainText('Claire DÉMO');
		await page.getByRole('link', { name: 'Profil', exact: true }).click();
		await expect(page.getByLabel('Nom usuel')).toHaveValue('Démo');
		await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeEnabled();
		await page.goto(`${server.baseUrl}/espace/stockage`);
		await expect(page.getByTestId('storage-status')).toContainText('Synchronisé');
		await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
		await expect(page.getByText('Synchronisation terminée.')).toBeVisible();
		await page.goto(`${server.baseUrl}/`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(errors).toEqual([]);
	});
});
