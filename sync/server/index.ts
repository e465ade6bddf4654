// The /sync sub-app: the CouchDB replication protocol over the SQLite store, one database per
// household. Mount it after the session middleware: app.route('/sync', createSyncRoutes()).
import { Hono } from 'hono';
import type { AppEnv } from '../../server/http/env';
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
	// Order matters: the _-prefixed endpoints before the catch-all document routes.
	dbRoutes(app);
	localRoutes(app);
	changesRoutes(app);
	bulkRoutes(app);
	allDocsRoutes(app);
	docRoutes(app);
	return app;
}
