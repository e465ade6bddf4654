// Issue 8 item 5 — « Stocker vos justificatifs »: a parent scans a supporting document from a photo
// taken sideways by a phone (EXIF orientation 6, with a GPS tag), the page is turned upright,
// downscaled and stripped of its metadata on the device, survives a reload on the workbench, is
// saved in the vault and reaches the server byte for byte. Then the same with no network.
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe';
import { makeParent } from './support/factories';
import { jpegSize, photoJpeg, withExif } from './support/jpeg';
import { createAndActivate, signIn } from './support/journeys';
import { enableDiagnostics, waitForWorkerControl } from './support/pwa';

const BACK_ONLINE_MS = 40_000;

async function newParentAtVault(page: Page) {
	const parent = makeParent();
	await createAndActivate(page, parent);
	await signIn(page, parent.username, parent.password);
	await expect(page).toHaveURL(/\/espace$/);
	await page.getByRole('link', { name: 'Mes pièces justificatives' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Pièces justificatives' })
	).toBeVisible();
	return parent;
}

/** A 3000×2000 photo held sideways: EXIF says « turn 90° clockwise to view ». */
async function sidewaysPhoto(page: Page) {
	return withExif(await photoJpeg(page, 3000, 2000), 6);
}

async function scanOnePage(page: Page, photo: Buffer) {
	await page.getByRole('link', { name: 'Numériser une pièce' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Numériser une pièce' })).toBeVisible();
	await page
		.getByLabel('Choisir un fichier')
		.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
	await expect(page.getByRole('img', { name: 'Page 1' })).toBeVisible({ timeout: 20_000 });
}

async function bytesOf(page: Page, url: string): Promise<Buffer> {
	const base64 = await page.evaluate(async (u) => {
		const res = await fetch(u, { credentials: 'same-origin' });
		if (!res.ok) return `status:${res.status}`;
		const bytes = new Uint8Array(await res.arrayBuffer());
		let s = '';
		for (let i = 0; i < bytes.length; i += 0x8000)
			s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return btoa(s);
	}, url);
	if (base64.startsWith('status:')) throw new Error(`${url}: ${base64}`);
	return Buffer.from(base64, 'base64');
}

/** The page's bytes in the device's database (what the scan pipeline produced). */
async function devicePage(page: Page, pieceUuid: string): Promise<Buffer> {
	const base64 = await page.evaluate(async (id) => {
		const db = await window.__espaceFamille.syncManager.db();
		const blob = (await (
			db as unknown as { getAttachment(id: string, name: string): Promise<Blob> }
		).getAttachment(id, 'page-1')) as Blob;
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let s = '';
		for (let i = 0; i < bytes.length; i += 0x8000)
			s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return btoa(s);
	}, `piece:${pieceUuid}`);
	return Buffer.from(base64, 'base64');
}

async function serverPage(page: Page, pieceUuid: string): Promise<Buffer> {
	const { syncUrl } = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
	return bytesOf(page, `${syncUrl.replace(/\/$/, '')}/piece:${pieceUuid}/page-1`);
}

test.beforeEach(async ({ context }) => enableDiagnostics(context));

test('a sideways phone photo becomes an upright page without location, stored on the server as produced', async ({
	page
}) => {
	test.setTimeout(120_000);
	await newParentAtVault(page);
	await expect(page.getByText('Aucune pièce enregistrée pour le moment.')).toBeVisible();
	await expectNoA11yViolations(page, 'Pièces justificatives');

	const photo = await sidewaysPhoto(page);
	expect(photo.includes(Buffer.from('Exif'))).toBe(true);
	await scanOnePage(page, photo);
	await expectNoA11yViolations(page, 'Numériser une pièce');

	// The workbench is on the device: a reload keeps the page.
	await page.reload();
	await expect(page.getByRole('img', { name: 'Page 1' })).toBeVisible();

	// Saving without a type or a person: the message, focus on the first field in error.
	await page.getByRole('button', { name: 'Enregistrer la pièce' }).click();
	await expect(page.getByText('Le champ « Type de pièce » est obligatoire.')).toBeVisible();
	await expect(page.getByLabel(/Type de pièce/)).toBeFocused();

	await page.getByLabel(/Type de pièce/).selectOption({ label: 'Justificatif de domicile' });
	await page.getByLabel(/Personne concernée/).selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Enregistrer la pièce' }).click();

	await expect(
		page.getByRole('heading', { level: 1, name: 'Pièces justificatives' })
	).toBeVisible();
	await expect(
		page.getByText('La pièce a été enregistrée dans vos pièces justificatives.')
	).toBeVisible();
	const card = page.getByRole('link', { name: /Justificatif de domicile/ }).first();
	await expect(card).toContainText('Enregistrée', { timeout: 20_000 });
	await card.click();
	await expect(page).toHaveURL(/\/espace\/pieces\/[0-9a-f-]{36}$/);
	const pieceUuid = page.url().split('/').pop()!;

	// The page as the device produced it: upright (portrait), ≤ 2000 px, ≤ 1 MB, no EXIF block.
	await expect(page.getByRole('img', { name: /^Page 1 de / })).toBeVisible();
	const device = await devicePage(page, pieceUuid);
	const size = jpegSize(device);
	expect(size.height).toBeGreaterThan(size.width);
	expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(2000);
	expect(device.length).toBeLessThanOrEqual(1_000_000);
	expect(device.includes(Buffer.from('Exif'))).toBe(false);

	// The server holds exactly those bytes.
	const stored = await serverPage(page, pieceUuid);
	expect(stored.equals(device)).toBe(true);

	// Full screen, and back with Échap.
	await page.getByRole('button', { name: 'Agrandir la page 1' }).click();
	const viewer = page.getByRole('dialog', { name: 'Page en plein écran' });
	await expect(viewer.getByText('Page 1 sur 1')).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(viewer).toBeHidden();
});

test('offline: a piece scanned with no network waits on the device and reaches the server when the network returns', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await newParentAtVault(page);
	await waitForWorkerControl(page);
	const photo = await sidewaysPhoto(page);

	await context.setOffline(true);
	await scanOnePage(page, photo);
	await page.getByLabel(/Type de pièce/).selectOption({ label: 'Livret de famille' });
	await page.getByLabel(/Personne concernée/).selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Enregistrer la pièce' }).click();
	const card = page.getByRole('link', { name: /Livret de famille/ }).first();
	await expect(card).toContainText('En attente d’envoi');
	await expect(page.getByText('1 pièce en attente d’envoi', { exact: false })).toBeVisible();

	await context.setOffline(false);
	await expect(card).toContainText('Enregistrée', { timeout: BACK_ONLINE_MS });
	await card.click();
	const pieceUuid = page.url().split('/').pop()!;
	const device = await devicePage(page, pieceUuid);
	expect((await serverPage(page, pieceUuid)).equals(device)).toBe(true);
});
