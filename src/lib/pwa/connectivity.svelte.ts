// Whether the browser believes it is online, as reactive state. Actions that need the network
// (change password, pay) read `connectivity.online` and say so plainly instead of failing.
import { browser } from '$app/environment';

/** Shown next to a disabled network-only action. */
export const NEEDS_NETWORK =
	'Cette action nécessite une connexion internet. Vos saisies restent enregistrées sur cet appareil.';

class Connectivity {
	online = $state(true);

	constructor() {
		if (!browser) return;
		this.online = navigator.onLine;
		window.addEventListener('online', () => (this.online = true));
		window.addEventListener('offline', () => (this.online = false));
	}
}

export const connectivity = new Connectivity();
