// Registers the service worker with workbox-window and drives the "nouvelle version" prompt.
// The new worker only takes over when the parent clicks "Mettre à jour", then the page reloads
// exactly once: the reload is tied to that click, so a first install or a worker activated by
// another tab never reloads this page, and a reloaded page cannot trigger another reload.
import { dev } from '$app/environment';
import type { Workbox } from 'workbox-window';

const UPDATE_CHECK_MS = 60 * 60_000;

class AppUpdate {
	/** A new version is installed and waiting. */
	available = $state(false);
	/** The parent clicked; the page is about to reload. */
	applying = $state(false);

	#workbox: Workbox | null = null;
	#lastCheck = 0;
	#takenOver = false;

	/**
	 * Never throws: without service workers (an old browser, a locked-down profile, a blocked
	 * registration that resolves to nothing) the app simply runs without offline start or the
	 * update prompt.
	 */
	async register(): Promise<void> {
		if (this.#workbox || !navigator.serviceWorker) return;
		try {
			await this.#register();
		} catch {
			this.#workbox = null;
		}
	}

	async #register(): Promise<void> {
		const { Workbox } = await import('workbox-window');
		// SvelteKit serves the worker as an ES module in dev and as a classic script once built.
		const workbox = new Workbox('/service-worker.js', {
			scope: '/',
			type: dev ? 'module' : 'classic'
		});
		this.#workbox = workbox;
		workbox.addEventListener('waiting', () => (this.available = true));
		workbox.addEventListener('controlling', (event) => {
			if (this.applying) return window.location.reload();
			// Another tab applied the update: this page still runs the old code, so offer the
			// same prompt, which then only reloads.
			if (event.isUpdate) {
				this.#takenOver = true;
				this.available = true;
			}
		});
		// workbox-window reads `registration.waiting` and rejects when register() gave nothing.
		const registration = await workbox.register();
		if (!registration) throw new Error('Service worker registration gave no registration');
		this.#lastCheck = Date.now();
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.check();
		});
	}

	/** Asks the server for a newer worker, at most once an hour unless forced. */
	async check(force = false): Promise<void> {
		if (!this.#workbox || (!force && Date.now() - this.#lastCheck < UPDATE_CHECK_MS)) return;
		this.#lastCheck = Date.now();
		await this.#workbox.update().catch(() => {}); // offline: try again next time
	}

	apply(): void {
		if (!this.#workbox || !this.available || this.applying) return;
		this.applying = true;
		if (this.#takenOver) return window.location.reload();
		this.#workbox.messageSkipWaiting();
	}
}

export const appUpdate = new AppUpdate();
