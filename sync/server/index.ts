// The /sync sub-app: the CouchDB replication protocol over the SQLite store, one database per
// household. Mount it after the session middleware, which sets `user` on the context:
// app.route('/sync', createSyncRoutes(host)) — the host is all sync gets from the app (host.ts).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SyncEnv, SyncHost } from './host';
import { MAX_REQUEST_BYTES } from './attachments';
import { couchError } from './errors';
import { installDefaultProjectors } from './projectors';
import { allDocsRoutes } from './routes-all-docs';
import { bulkRoutes } from './routes-bulk';
import { changesRoutes } from './routes-changes';
import { dbRoutes } from './routes-db';
import { docRoutes } from './routes-docs';
import { localRoutes } from './routes-local';

export { householdDbName } from './access';
export { registerProjector } from './projectors';

export type { SyncHost } from './host';

export function createSyncRoutes(host: SyncHost): Hono<SyncEnv> {
	installDefaultProjectors();
	const app = new Hono<SyncEnv>();
	app.use(async function injectHost(c, next) {
		c.set('syncHost', host);
		return next();
	});
	// Bounds every body, chunked ones included (S-ATT-2); per-attachment limits are per document.
	app.use(
		'/:db/*',
		bodyLimit({
			maxSize: MAX_REQUEST_BYTES,
			onError: (c) =>
				couchError(
					c,
					413,
					'too_large',
					`L’envoi dépasse ${MAX_REQUEST_BYTES / 1024 / 1024} Mo : envoyez moins de documents à la fois.`
				)
		})
	);
	// Order matters: the _-prefixed endpoints before the catch-all document routes.
	dbRoutes(app);
	localRoutes(app);
	changesRoutes(app);
	bulkRoutes(app);
	allDocsRoutes(app);
	docRoutes(app);
	return app;
}
