// Builds the precache manifest from what SvelteKit reports for this build. Hashed files under
// /_app/immutable/ carry their own revision in the name; everything else is revisioned by the
// build version so a new deploy refreshes it. Prerendered pages are not listed: navigations go
// to the network and fall back to the SPA shell, which renders every route offline, so the
// install never depends on how the server maps a prerendered path to its .html file.

export interface PrecacheEntry {
	url: string;
	revision: string | null;
}

export interface BuildFiles {
	build: string[];
	files: string[];
	version: string;
	/** The SPA fallback page the server answers unknown paths with (absent in dev). */
	shell: string | null;
}

export function precacheEntries({ build, files, version, shell }: BuildFiles): PrecacheEntry[] {
	const seen = new Set<string>();
	const entries: PrecacheEntry[] = [];
	const add = (url: string, revision: string | null) => {
		if (seen.has(url) || isNetworkOnly(url) || isOnlineOnlyChunk(url)) return;
		seen.add(url);
		entries.push({ url, revision });
	};
	for (const url of build) add(url, url.includes('/immutable/') ? null : version);
	for (const url of files) add(url, version);
	if (shell) add(shell, version);
	return entries;
}

/** Family data and the session never go through the worker's caches. */
export function isNetworkOnly(pathname: string): boolean {
	return /^\/(api|sync|demo-api)(\/|$)/.test(pathname);
}

/** Chunks loaded on demand while online only (named by vite.config.ts `onlineOnlyChunks`). */
export function isOnlineOnlyChunk(pathname: string): boolean {
	return /\/chunks\/online-only\.[^/]+$/.test(pathname);
}
