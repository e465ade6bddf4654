// The "Installer l'application" action: keeps Chromium's `beforeinstallprompt` event to replay
// it on click, and knows when to show the iOS how-to instead. Hidden once installed.
import { browser } from '$app/environment';
import { needsIosHowTo, type PlatformHints } from './install-platform';

interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class Install {
	/** Chromium offered installation and we hold its prompt. */
	canPrompt = $state(false);
	installed = $state(false);
	showIosHowTo = $state(false);

	#deferred: BeforeInstallPromptEvent | null = null;

	constructor() {
		// Listening at module load, not on mount: Chromium may fire the event before hydration.
		if (!browser) return;
		window.addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault(); // we offer our own button instead of the mini-infobar
			this.#deferred = event as BeforeInstallPromptEvent;
			this.canPrompt = !this.installed;
		});
		window.addEventListener('appinstalled', () => this.#markInstalled());
		const standalone = window.matchMedia('(display-mode: standalone)');
		standalone.addEventListener('change', () => this.#refresh());
		this.#refresh();
	}

	async prompt(): Promise<void> {
		const deferred = this.#deferred;
		if (!deferred) return;
		this.#deferred = null; // a prompt event can be used once
		this.canPrompt = false;
		await deferred.prompt();
		const { outcome } = await deferred.userChoice;
		if (outcome === 'accepted') this.#markInstalled();
	}

	#markInstalled(): void {
		this.installed = true;
		this.canPrompt = false;
		this.showIosHowTo = false;
	}

	#refresh(): void {
		const hints: PlatformHints = {
			userAgent: navigator.userAgent,
			maxTouchPoints: navigator.maxTouchPoints ?? 0,
			standalone:
				window.matchMedia('(display-mode: standalone)').matches ||
				(navigator as Navigator & { standalone?: boolean }).standalone === true
		};
		if (hints.standalone) return this.#markInstalled();
		this.showIosHowTo = needsIosHowTo(hints);
	}
}

export const install = new Install();
