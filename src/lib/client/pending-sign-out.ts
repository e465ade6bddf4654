// A sign-out made offline (a shared phone) cannot reach the server, so the HttpOnly session
// cookie would still open the family space once the network is back. This durable marker
// (localStorage: survives a reload or a restart) says "this device signed out": while it is set
// the app counts as signed out, and the logout is sent before any other request (see api.ts).
const KEY = 'ef:pending-sign-out';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

export function markPendingSignOut(): void {
	try {
		storage()?.setItem(KEY, String(Date.now()));
	} catch {
		// Storage full or disabled: the sign-out is then only as good as the network.
	}
}

export function hasPendingSignOut(): boolean {
	try {
		return (storage()?.getItem(KEY) ?? null) !== null;
	} catch {
		return false;
	}
}

export function clearPendingSignOut(): void {
	try {
		storage()?.removeItem(KEY);
	} catch {
		// Nothing to clear.
	}
}
