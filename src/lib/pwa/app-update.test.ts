// Without service workers the app must run as a plain web app: registering never throws and
// the update prompt stays hidden.
import { afterEach, describe, expect, it, vi } from 'vitest';

const workbox = vi.hoisted(() => ({ register: vi.fn(), update: vi.fn() }));
vi.mock('workbox-window', () => ({
	Workbox: class {
		addEventListener() {}
		register = workbox.register;
		update = workbox.update;
		messageSkipWaiting() {}
	}
}));

const fresh = async () => {
	vi.resetModules();
	return (await import('./app-update.svelte')).appUpdate;
};

afterEach(() => {
	vi.unstubAllGlobals();
	workbox.register.mockReset();
	workbox.update.mockReset();
});

describe('appUpdate without a service worker', () => {
	it('does nothing in a browser without navigator.serviceWorker', async () => {
		vi.stubGlobal('navigator', {});
		const appUpdate = await fresh();
		await expect(appUpdate.register()).resolves.toBeUndefined();
		expect(workbox.register).not.toHaveBeenCalled();
		expect(appUpdate.available).toBe(false);
	});

	it('survives a blocked registration (workbox-window rejects on "waiting")', async () => {
		vi.stubGlobal('navigator', { serviceWorker: {} });
		vi.stubGlobal('document', { addEventListener: vi.fn() });
		workbox.register.mockRejectedValue(
			new TypeError("Cannot read properties of undefined (reading 'waiting')")
		);
		const appUpdate = await fresh();
		await expect(appUpdate.register()).resolves.toBeUndefined();
		await appUpdate.check(true);
		expect(workbox.update).not.toHaveBeenCalled();
		appUpdate.apply();
		expect(appUpdate.applying).toBe(false);
	});

	it('treats a registration that resolves to nothing as no worker', async () => {
		vi.stubGlobal('navigator', { serviceWorker: {} });
		vi.stubGlobal('document', { addEventListener: vi.fn() });
		workbox.register.mockResolvedValue(undefined);
		const appUpdate = await fresh();
		await appUpdate.register();
		await appUpdate.check(true);
		expect(workbox.update).not.toHaveBeenCalled();
	});
});
