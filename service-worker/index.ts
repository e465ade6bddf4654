/// <reference types="@sveltejs/kit" />
/// <reference lib="webworker" />
// The service worker: precaches this build's app shell and static assets, answers navigations
// from the network and falls back to the cached SPA shell offline, never touches /api or /sync
// (family data live in the device stores), and relays Background Sync to an open window.
import { build, files, version } from '$service-worker';
import { cacheNames, clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SYNC_TAG } from '../sync/client/background-sync';
import { relaySyncToClients } from './background-sync';
import { precacheEntries } from './precache-list';

declare const self: ServiceWorkerGlobalScope;

const SHELL = '/200.html';
const NAVIGATION_TIMEOUT_MS = 4_000;

// In `vite dev` there is no build and no shell file; precaching a missing URL would fail install.
const shell = build.length > 0 ? SHELL : null;

precacheAndRoute(precacheEntries({ build, files, version, shell }), {
	ignoreURLParametersMatching: [/.*/]
});
cleanupOutdatedCaches();

// The first install takes control at once so the page that installed it works offline;
// later versions wait for the parent's "Mettre à jour" (SKIP_WAITING below).
clientsClaim();

self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
	// Anything not owned by this worker's precache is a leftover of an older design.
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((k) => k !== cacheNames.precache).map((k) => caches.delete(k)))
			)
	);
});

registerRoute(
	new NavigationRoute(
		async ({ request }) => {
			try {
				return await fetchWithTimeout(request, NAVIGATION_TIMEOUT_MS);
			} catch {
				return (await matchPrecache(SHELL)) ?? Response.error();
			}
		},
		{ denylist: [/^\/(api|sync|demo-api)(\/|$)/] }
	)
);

// /api, /sync and /demo-api have no route here on purpose: with no respondWith the browser
// fetches them itself, so no cache can ever answer them.

interface SyncEvent extends ExtendableEvent {
	tag: string;
}

self.addEventListener('sync', (event) => {
	const syncEvent = event as SyncEvent;
	if (syncEvent.tag === SYNC_TAG) syncEvent.waitUntil(relaySyncToClients(self.clients));
});

function fetchWithTimeout(request: Request, ms: number): Promise<Response> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		fetch(request).then(
			(response) => {
				clearTimeout(timer);
				resolve(response);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}
