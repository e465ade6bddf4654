// Background Sync (Chromium): a pending local change registers a tag; when the browser wakes
// the service worker for it, the worker asks an open window to replicate and waits for its
// answer. Browsers without it rely on the controller's start / online / visibility triggers.

export const SYNC_TAG = 'ef-sync';
export const SYNC_REQUEST = 'ef:sync-now';

interface SyncCapableRegistration extends ServiceWorkerRegistration {
	sync?: { register(tag: string): Promise<void> };
}

export async function requestBackgroundSync(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.serviceWorker) return false;
	try {
		const registration = (await Promise.race([
			navigator.serviceWorker.ready,
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no worker')), 3_000))
		])) as SyncCapableRegistration;
		if (!registration.sync) return false;
		await registration.sync.register(SYNC_TAG);
		return true;
	} catch {
		return false; // permission denied or no active worker: the other triggers still apply
	}
}

/** Answers the worker's wake-up: runs `replicate` and replies on the message port. */
export function answerWorkerSyncRequests(replicate: () => Promise<boolean>): () => void {
	if (typeof navigator === 'undefined' || !navigator.serviceWorker) return () => {};
	const listener = (event: MessageEvent) => {
		if ((event.data as { type?: unknown } | null)?.type !== SYNC_REQUEST) return;
		const port = event.ports[0];
		void replicate().then(
			(ok) => port?.postMessage({ ok }),
			() => port?.postMessage({ ok: false })
		);
	};
	navigator.serviceWorker.addEventListener('message', listener);
	return () => navigator.serviceWorker.removeEventListener('message', listener);
}
