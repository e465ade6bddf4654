// Durable storage: asks the browser not to evict this origin's data (pending family changes
// live only here until sent). Asked once after the first sign-in; the storage screen shows it.

const ASKED_KEY = 'ef:persist-asked';

export interface StorageFacts {
	usage: number | null;
	quota: number | null;
	persisted: boolean | null;
}

export async function storageFacts(): Promise<StorageFacts> {
	const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!storage) return { usage: null, quota: null, persisted: null };
	const [estimate, persisted] = await Promise.all([
		storage.estimate?.().catch(() => null) ?? null,
		storage.persisted?.().catch(() => null) ?? null
	]);
	return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

export async function requestPersistence(): Promise<boolean> {
	try {
		return (await navigator.storage?.persist?.()) ?? false;
	} catch {
		return false;
	}
}

/** After the first sign-in on this device; later sign-ins do not ask again. */
export async function requestPersistenceOnce(): Promise<void> {
	try {
		if (localStorage.getItem(ASKED_KEY)) return;
		localStorage.setItem(ASKED_KEY, new Date().toISOString());
	} catch {
		return;
	}
	await requestPersistence();
}

const SIZE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "12,3 Mo" */
export function formatBytes(bytes: number): string {
	const units = ['octets', 'Ko', 'Mo', 'Go', 'To'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${SIZE.format(value)} ${units[unit]}`;
}
