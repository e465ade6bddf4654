// Keeps an unfinished form in localStorage so a closed tab loses nothing. Entries expire
// after a week so personal data does not linger on a shared device.
import { browser } from '$app/environment';

const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export function loadDraft(key: string): unknown {
	if (!browser) return null;
	try {
		const raw = localStorage.getItem(key);
		if (!raw) return null;
		const { savedAt, value } = JSON.parse(raw) as { savedAt: number; value: unknown };
		if (Date.now() - savedAt > MAX_AGE_MS) {
			localStorage.removeItem(key);
			return null;
		}
		return value;
	} catch {
		return null;
	}
}

export function saveDraft(key: string, value: unknown) {
	if (!browser) return;
	try {
		localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), value }));
	} catch {
		// Storage full or disabled: the form still works, only the autosave is lost.
	}
}

export function clearDraft(key: string) {
	if (!browser) return;
	try {
		localStorage.removeItem(key);
	} catch {
		// Nothing to clear.
	}
}
