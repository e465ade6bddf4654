// Page helpers for the PWA journeys: wait for the worker, sign in, reach the sync controller
// through the diagnostics hook (localStorage "ef:debug"), read PNG sizes.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PARENT } from './pwa-server';

interface LocalDb {
	put(doc: unknown): Promise<{ id: string }>;
	get(id: string): Promise<Record<string, unknown>>;
}

/** What src/lib/pwa/debug.ts exposes on window when "ef:debug" is set. */
export interface Diagnostics {
	syncManager: {
		db(): Promise<LocalDb>;
		signOut(options?: { confirmUnsynced?: boolean }): Promise<unknown>;
	};
	appUpdate: { available: boolean; check(force?: boolean): Promise<void> };
	formGuard: { hold(): () => void };
}

declare global {
	interface Window {
		__espaceFamille: Diagnostics;
		__release?: () => void;
	}
}

export async function enableDiagnostics(context: BrowserContext) {
	await context.addInitScript(() => localStorage.setItem('ef:debug', '1'));
}

export async function waitForWorkerControl(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
		timeout: 30_000
	});
}

/** The shell has mounted (hydration done): typing now is not wiped by hydration. */
export async function waitForApp(page: Page) {
	await page.waitForFunction(() => '__espaceFamille' in window);
}

export async function signInDemoParent(page: Page, baseUrl: string) {
	await page.goto(`${baseUrl}/`);
	await waitForApp(page);
	await page.getByLabel('Identifiant').fill(DEMO_PARENT.username);
	await page.getByLabel('Mot de passe', { exact: false }).first().fill(DEMO_PARENT.password);
	await page.getByRole('button', { name: 'Connexion' }).click();
	await expect(page).toHaveURL(/\/espace/);
	await expect(page.getByTestId('pwa-status')).toContainText('Synchronisé à');
}

/** Writes a document into the household's local PouchDB, as a form would. */
export async function writeLocalDoc(page: Page, doc: Record<string, unknown>): Promise<string> {
	return page.evaluate(async (body) => {
		const db = await window.__espaceFamille.syncManager.db();
		return (await db.put(body)).id;
	}, doc);
}

export async function readLocalDoc(
	page: Page,
	id: string
): Promise<Record<string, unknown> | null> {
	return page.evaluate(async (docId) => {
		const db = await window.__espaceFamille.syncManager.db();
		return db.get(docId).catch(() => null);
	}, id);
}

export const uuid = () => crypto.randomUUID();

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
