// Server and database level endpoints: GET / (uuid), GET|PUT|DELETE /{db} (S-PROTO-1, S-ACC-4).
import type { Context, Hono } from 'hono';
import type { SyncEnv } from './host';
import { openHouseholdDb, requireUser, withDb } from './access';
import { couchError } from './errors';
import type { DbRow } from './store';

function serverUuid(c: Context<SyncEnv>): string {
	const row = c
		.get('syncHost')
		.db.prepare("SELECT value FROM settings WHERE key = 'sync.server_uuid'")
		.get() as { value: string } | undefined;
	return row?.value ?? 'espace-famille';
}

export function dbInfo(db: DbRow) {
	return {
		db_name: db.name,
		update_seq: db.update_seq,
		doc_count: db.doc_count,
		doc_del_count: db.doc_del_count,
		purge_seq: 0,
		compact_running: false,
		instance_start_time: '0',
		revs_limit: db.revs_limit
	};
}

export function dbRoutes(app: Hono<SyncEnv>) {
	const root = (c: Context<SyncEnv>) =>
		requireUser(c) ??
		c.json({
			couchdb: 'Welcome',
			version: '3.3.3',
			uuid: serverUuid(c),
			vendor: { name: 'Espace Famille' }
		});
	app.get('/', root);
	// PouchDB asks for the server root with a trailing slash ('/sync/'), which a mounted '/' does not
	// match; the mount's own wildcard middleware sees it.
	app.use('*', async (c, next) => {
		if (c.req.method === 'GET' && c.req.path === c.req.routePath.replace(/\*$/, '')) return root(c);
		await next();
	});

	const info = withDb((c, a) => c.json(dbInfo(a.store.getDb(a.db.name)!)));
	app.get('/:db', info);
	app.get('/:db/', info);

	// Household databases exist with their household; nothing else can be created from outside.
	const create = (c: Context<SyncEnv>) => {
		const access = openHouseholdDb(c, c.req.param('db') ?? '');
		if (access instanceof Response) return access;
		return couchError(c, 412, 'file_exists', 'La base de données de ce foyer existe déjà.');
	};
	app.put('/:db', create);
	app.put('/:db/', create);
	const destroy = withDb((c) =>
		couchError(c, 403, 'forbidden', 'La base de données d’un foyer ne peut pas être supprimée.')
	);
	app.delete('/:db', destroy);
	app.delete('/:db/', destroy);
}
