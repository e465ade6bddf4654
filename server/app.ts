// Composition root: one Hono app serving the JSON API, the replication endpoint and the PWA.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { clientAddressMiddleware } from './http/client-address';
import type { AppDeps, AppEnv } from './http/env';
import { ApiError, errorBody, sendError } from './http/errors';
import { csrfProtection, securityHeaders } from './http/security';
import { sessionMiddleware } from './http/session-middleware';
import { indexBuild, serveBuild } from './http/static';
import { authRoutes } from './routes/auth';
import { deskRoutes } from './desk';
import { familyContractRoutes } from './commission/contracts';
import { bindNotifications } from './desk/notify-settings';
import { demoMailboxOnly, demoRoutes } from './routes/demo';
import { meRoutes } from './routes/me';
import { referenceRoutes } from './routes/reference';
import { publicNewsRoutes } from './news/routes';
import { publicCommissionRoutes } from './commission/public-routes';
import { publicTariffRoutes } from './billing/tariff-routes';
import { familyTaxCertificateRoutes } from './billing/tax-certificate';
import { familyPaymentRoutes, payfipRoutes } from './billing/payment/routes';
import { bindPaymentProvider } from './billing/payment/registry';
import type { FetchLike } from './billing/payment/provider';
import { payfipSimulatorRoutes } from './payfip-sim';
import { PAYFIP_SIMULATOR_PATH } from './config';
import { createSyncRoutes } from '../sync/server';
import { syncHostFor } from './sync-host';

export interface AppOptions {
	/** Serve the built PWA from config.buildDir (off in API tests). */
	serveStatic?: boolean;
}

export function createApp(deps: AppDeps, options: AppOptions = {}) {
	// Request events on this database notify the service and the webhook (server/desk/events.ts).
	bindNotifications(deps.db, deps.config);
	const app = new Hono<AppEnv>();
	app.use(securityHeaders({ production: deps.config.production }));
	app.use(async function injectDeps(c, next) {
		c.set('deps', deps);
		return next();
	});
	app.use(clientAddressMiddleware());
	for (const prefix of ['/api/*', '/sync/*']) {
		app.use(prefix, async function noStore(c, next) {
			await next();
			// A public, cacheable answer says so itself (GET /api/commission); the rest is never
			// stored — nor is a public answer that sets a cookie (a session renewed or cleared):
			// a shared cache would hand that cookie to the next visitor.
			const cacheable =
				c.res.headers.get('Cache-Control')?.startsWith('public') &&
				c.res.headers.getSetCookie().length === 0;
			if (!cacheable) c.header('Cache-Control', 'no-store');
		});
		// PayFiP's notification and the payer's return come from PayFiP's side, without a session.
		const csrf = csrfProtection();
		app.use(prefix, (c, next) => (c.req.path.startsWith('/api/payfip/') ? next() : csrf(c, next)));
	}
	app.use(
		'/api/*',
		bodyLimit({
			maxSize: 64 * 1024,
			onError: (c) => c.json(errorBody('too_large', 'La requête est trop volumineuse.'), 413)
		})
	);
	app.use('/api/*', sessionMiddleware());
	app.use('/sync/*', sessionMiddleware());
	app.use('/sync', sessionMiddleware());

	const api = new Hono<AppEnv>()
		.get('/health', (c) => c.json({ status: 'ok' }, 200))
		.route('/auth', authRoutes)
		.route('/me', meRoutes)
		.route('/', referenceRoutes)
		.route('/', publicNewsRoutes)
		.route('/', publicCommissionRoutes)
		.route('/', publicTariffRoutes)
		.route('/demo', demoRoutes)
		.route('/agent', deskRoutes)
		.route('/family', familyContractRoutes)
		.route('/family', familyTaxCertificateRoutes)
		.route('/family', familyPaymentRoutes)
		.route('/payfip', payfipRoutes);
	app.route('/api', api);
	app.all('/api/*', (c) => c.json(errorBody('not_found', 'Cette adresse n’existe pas.'), 404));
	app.route('/sync', createSyncRoutes(syncHostFor(deps)));

	// Online payment: PayFiP, or its local simulator served by this same process (demo, tests),
	// reached in process (no network between the app and its simulator).
	const { payfip, publicUrl } = deps.config;
	const inProcess: FetchLike = (url, init) =>
		url.startsWith(`${publicUrl}/`) ? Promise.resolve(app.request(url, init)) : fetch(url, init);
	const simulated = payfip.mode === 'simulateur';
	bindPaymentProvider(deps.db, payfip, simulated ? inProcess : (url, init) => fetch(url, init));
	if (simulated)
		app.route(
			PAYFIP_SIMULATOR_PATH,
			payfipSimulatorRoutes({ db: deps.db, clock: deps.clock, fetch: inProcess })
		);

	if (options.serveStatic) {
		const assets = indexBuild(deps.config.buildDir);
		if (!assets) throw new Error(`No build found in ${deps.config.buildDir}: run "npm run build".`);
		app.use('/demo', demoMailboxOnly({ page: true }));
		app.use('/demo/*', demoMailboxOnly({ page: true }));
		app.use(serveBuild(assets));
	}

	app.onError((err, c) => {
		if (err instanceof ApiError) return sendError(c, err);
		console.error('[api] unexpected error', err);
		return c.json(
			errorBody(
				'internal',
				'Une erreur inattendue s’est produite. Réessayez dans quelques instants.'
			),
			500
		);
	});
	app.notFound((c) => c.json(errorBody('not_found', 'Cette adresse n’existe pas.'), 404));
	return app;
}

export type App = ReturnType<typeof createApp>;
