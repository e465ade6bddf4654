// When the sync controller reconnects besides its own retries: connectivity coming back, the page
// becoming visible again, and the service worker's Background Sync asking. Returns the function
// that detaches them all.
import type { NetworkEvidence } from '../../src/lib/pwa/connectivity.svelte';
import { answerWorkerSyncRequests } from './background-sync';

export interface TriggerTargets {
	/** Reconnect unless a live replication runs already. */
	kick(): void;
	/** Reconnect now (a phone back from the background often holds a dead long-poll). */
	restart(): void;
	offline(): void;
	syncNow(): Promise<boolean>;
}

const VISIBLE_RESTART_MS = 30_000;

export function attachSyncTriggers(net: NetworkEvidence, on: TriggerTargets): () => void {
	const stopFollowing = net.subscribe((online) => (online ? on.kick() : on.offline()));
	if (typeof document === 'undefined') return stopFollowing;
	// Restart at most every 30 s rather than trust a replication that may never wake up.
	let lastVisibleRestart = 0;
	const onVisible = () => {
		if (document.visibilityState !== 'visible') return;
		if (Date.now() - lastVisibleRestart < VISIBLE_RESTART_MS) return on.kick();
		lastVisibleRestart = Date.now();
		on.restart();
	};
	document.addEventListener('visibilitychange', onVisible);
	const stopAnswering = answerWorkerSyncRequests(() => on.syncNow());
	return () => {
		stopFollowing();
		document.removeEventListener('visibilitychange', onVisible);
		stopAnswering();
	};
}
