// The crèches offered in pre-registration, kept on the device (public reference data) so the
// pre-registration works offline after one visit online; refreshed whenever the server answers.
import { api, type Structure } from './api';

const KEY = 'ef:structures';

/** The device's copy (empty before the first visit online). */
export function cachedStructures(): Structure[] {
	try {
		const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
		return Array.isArray(list) ? (list as Structure[]) : [];
	} catch {
		return [];
	}
}

/** The device's copy now, and the server's list when it answers. */
export async function loadStructures(): Promise<Structure[]> {
	const result = await api.structures();
	if (!result.ok) return cachedStructures();
	try {
		localStorage.setItem(KEY, JSON.stringify(result.data.structures));
	} catch {
		// storage full or disabled: the list still shows this time
	}
	return result.data.structures;
}
