// Who may open a household database (S-ACC-*): a signed-in parent of that household, nobody else.
import type { Context } from 'hono';
import type { SyncEnv, SyncHost } from './host';
import { couchError, DocRefused } from './errors';
import { SyncStore, type DbRow } from './store';

const DB_NAME = /^hh-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function householdDbName(householdId: string): string {
	return `hh-${householdId}`;
}

export interface Access {
	host: SyncHost;
	store: SyncStore;
	db: DbRow;
}

export function requireUser(c: Context<SyncEnv>): Response | null {
	return c.get('user')
		? null
		: couchError(c, 401, 'unauthorized', 'Connectez-vous pour synchroniser vos documents.');
}

/** The database named in the URL if the caller may use it, else the error response to send. */
export function openHouseholdDb(c: Context<SyncEnv>, name: string): Access | Response {
	const user = c.get('user');
	if (!user)
		return couchError(c, 401, 'unauthorized', 'Connectez-vous pour synchroniser vos documents.');
	const householdId = DB_NAME.exec(name)?.[1];
	if (!householdId || user.role !== 'parent' || user.householdId !== householdId)
		return couchError(c, 403, 'forbidden', 'Vous n’avez pas accès à ces documents.');
	const host = c.get('syncHost');
	const store = SyncStore.for(host.db);
	// The database exists exactly when the household does (S-ACC-4): created on first use.
	const db =
		store.getDb(name) ??
		(householdExists(host, householdId) ? store.ensureDb(name, householdId) : null);
	if (!db) return couchError(c, 404, 'not_found', 'Ce foyer n’existe pas.');
	return { host, store, db };
}

function householdExists(host: SyncHost, id: string): boolean {
	return !!host.db.prepare('SELECT 1 FROM households WHERE id = ?').get(id);
}

/** Wraps a handler that needs an opened database. */
export function withDb(handler: (c: Context<SyncEnv>, a: Access) => Response | Promise<Response>) {
	return async (c: Context<SyncEnv>) => {
		const access = openHouseholdDb(c, c.req.param('db') ?? '');
		if (access instanceof Response) return access;
		try {
			return await handler(c, access);
		} catch (err) {
			if (err instanceof DocRefused) return couchError(c, err.status, err.error, err.reason);
			throw err;
		}
	};
}
