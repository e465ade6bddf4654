// Vite builds the SvelteKit app. In `npm run dev` a small plugin mounts the Hono app
// (server/) on the dev server so the PWA, /api and /sync share one origin, as in production.
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

function honoDevServer(): Plugin {
	return {
		name: 'espace-famille:hono-dev',
		apply: 'serve',
		async configureServer(server: ViteDevServer) {
			const { getRequestListener } = await import('@hono/node-server');
			// Loaded through Vite so server edits reload without restarting the process.
			const load = async () =>
				(await server.ssrLoadModule('/server/dev.ts')) as typeof import('./server/dev');
			server.middlewares.use(async (req, res, next) => {
				const url = req.url ?? '/';
				if (!/^\/(api|sync|demo-api)(\/|$|\?)/.test(url)) return next();
				try {
					const { devApp } = await load();
					const app = await devApp();
					await getRequestListener(app.fetch)(req, res);
				} catch (error) {
					next(error);
				}
			});
		}
	};
}

/**
 * Chunks made only of these packages load on demand while online (the password meter's zxcvbn,
 * ~0.5 MB gzip) and are named `online-only.*.js` so the service worker leaves them out of its
 * precache (service-worker/precache-list.ts): a parent's first visit does not download them.
 */
const ONLINE_ONLY_PACKAGES = ['/node_modules/@zxcvbn-ts/'];

function onlineOnlyChunks(): Plugin {
	return {
		name: 'espace-famille:online-only-chunks',
		apply: 'build',
		outputOptions(options) {
			const named = options.chunkFileNames;
			if (typeof named !== 'string' || !named.includes('/chunks/[hash].')) return null;
			return {
				...options,
				chunkFileNames: (chunk) =>
					chunk.moduleIds.some((id) => ONLINE_ONLY_PACKAGES.some((p) => id.includes(p)))
						? named.replace('/chunks/[hash].', '/chunks/online-only.[hash].')
						: named
			};
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), honoDevServer(), onlineOnlyChunks()],
	build: { target: 'es2022' },
	server: { watch: { ignored: ['**/build/**', '**/data/**', '**/test-results/**'] } },
	test: {
		include: [
			'src/**/*.test.ts',
			'server/**/*.test.ts',
			'sync/**/*.test.ts',
			'service-worker/**/*.test.ts'
		],
		environment: 'node',
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
