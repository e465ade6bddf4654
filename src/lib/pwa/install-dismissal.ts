// "Plus tard" on the install bar is remembered on this device for 30 days, so the offer does
// not come back on every page or every visit.
export const DISMISS_KEY = 'ef:install-later';
export const DISMISS_DAYS = 30;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function store(): Store | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // storage disabled: the offer simply comes back next time
	}
}

/** True while a "Plus tard" given less than 30 days ago holds. */
export function installDismissed(now = Date.now(), storage = store()): boolean {
	try {
		const until = Number(storage?.getItem(DISMISS_KEY));
		return Number.isFinite(until) && until > now;
	} catch {
		return false;
	}
}

export function rememberInstallDismissed(now = Date.now(), storage = store()): void {
	try {
		storage?.setItem(DISMISS_KEY, String(now + DISMISS_DAYS * 24 * 3600_000));
	} catch {
		// Storage full or disabled: only this page remembers.
	}
}
