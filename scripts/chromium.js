// The one place that says which Chromium runs the journeys and benches, and with which flags:
// Debian's build when present (Playwright cannot download its own here), else Playwright's.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** @type {string | undefined} */
export const chromiumPath =
	process.env.CHROME_PATH || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

/** Flags for running as root on a machine with no outside network. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
