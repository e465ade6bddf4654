// SvelteKit builds a static SPA: public pages are prerendered, the rest falls back to
// 200.html and runs in the browser. The Hono server (server/) serves the result.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: '200.html',
			precompress: true,
			strict: false
		}),
		// The worker (Workbox) is registered by src/lib/pwa with workbox-window, which drives the
		// "Mettre à jour" prompt. Store screenshots are for install sheets, not worth precaching.
		files: { serviceWorker: 'service-worker/index.ts' },
		serviceWorker: {
			register: false,
			files: (filename) => !filename.startsWith('screenshots/') && !filename.endsWith('.DS_Store')
		},
		output: { bundleStrategy: 'split' },
		alias: { $domain: 'src/lib/domain', $sync: 'sync/client' }
	}
};

export default config;
