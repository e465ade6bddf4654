import { describe, expect, it } from 'vitest';
import { DISMISS_KEY, installDismissed, rememberInstallDismissed } from './install-dismissal';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v)
	};
}

const DAY = 24 * 3600_000;

describe('"Plus tard" on the install bar', () => {
	it('holds for 30 days on this device, then the offer may come back', () => {
		const storage = memoryStorage();
		const now = Date.UTC(2026, 10, 26);
		expect(installDismissed(now, storage)).toBe(false);
		rememberInstallDismissed(now, storage);
		expect(installDismissed(now + 29 * DAY, storage)).toBe(true);
		expect(installDismissed(now + 30 * DAY, storage)).toBe(false);
	});

	it('ignores a garbled value and survives a storage that throws', () => {
		const storage = memoryStorage();
		storage.setItem(DISMISS_KEY, 'pas-une-date');
		expect(installDismissed(Date.now(), storage)).toBe(false);
		const broken = {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('denied');
			}
		};
		expect(installDismissed(Date.now(), broken)).toBe(false);
		expect(() => rememberInstallDismissed(Date.now(), broken)).not.toThrow();
	});
});
