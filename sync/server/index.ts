// The /sync sub-app: the CouchDB replication protocol over the SQLite store, one database per
// household. Mount it after the session middleware: app.route('/sync', createSyncRoutes()).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../server/http/env';
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

export function createSyncRoutes(): Hono<AppEnv> {
	installDefaultProjectors();
	const app = new Hono<AppEnv>();
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
