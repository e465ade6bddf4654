// A stand-in for the composition root in tests: deps + a fake session (header `x-test-session`
// or cookie `session`) + the /sync routes, served on 127.0.0.1 for the real PouchDB client.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { openDatabase, type Db } from '../../server/db';
import { testConfig } from '../../server/config';
import { systemClock } from '../../server/clock';
import { seedStructures } from '../../server/seed/seed';
import { bindNotifications } from '../../server/desk/notify-settings';
import type { AppDeps, AppEnv, Role, SessionUser } from '../../server/http/env';
import { syncHostFor } from '../../server/sync-host';
import { createSyncRoutes, householdDbName } from './index';
import { SyncStore } from './store';
import { applyRevision, newEditRevisions } from './write';
import { TEST_CHILD_ID, TEST_DECLARATION_ID } from '../test/factories';

/**
 * The household declared a child earlier (a submitted declaration, stored as a fixture without
 * a request), so tests can submit preinscriptions for TEST_CHILD_ID (S-VAL-3).
 */
export function declareTestChild(db: Db, householdId: string): void {
	const store = SyncStore.for(db);
	const name = householdDbName(householdId);
	const row = store.getDb(name) ?? store.ensureDb(name, householdId);
	if (store.getDoc(name, TEST_DECLARATION_ID)) return;
	const body = {
		type: 'entourage',
		state: 'submitted',
		members: [
			{
				id: TEST_CHILD_ID,
				role: 'child',
				lastName: 'Exemple',
				firstNames: 'Léa',
				birthDate: '2025-03-14'
			}
		]
	};
	const revisions = newEditRevisions(undefined, undefined, [body, false, []]);
	applyRevision(store, name, row.revs_limit, {
		id: TEST_DECLARATION_ID,
		revisions,
		deleted: false,
		body,
		attachments: null
	});
}

export interface Harness {
	app: Hono<AppEnv>;
	deps: AppDeps;
	sessions: Map<string, SessionUser>;
	/** Creates a household (or uses `householdId`) and a signed-in user; returns its token. */
	signIn(
		role?: Role,
		householdId?: string | null
	): { token: string; user: SessionUser; dbName: string };
	newHousehold(): string;
}

export function createHarness(
	db: Db = openDatabase(':memory:'),
	overrides: Partial<AppDeps> = {}
): Harness {
	seedStructures(db);
	const deps: AppDeps = {
		db,
		config: testConfig(),
		clock: systemClock,
		kickOutbox: () => {},
		...overrides
	};
	bindNotifications(db, deps.config); // as the composition root does: a submission mails the service
	const sessions = new Map<string, SessionUser>();
	const app = new Hono<AppEnv>();
	app.use('*', async (c, next) => {
		c.set('deps', deps);
		const token = c.req.header('x-test-session') ?? getCookie(c, 'session');
		c.set('user', (token && sessions.get(token)) || null);
		c.set('sessionId', token ?? null);
		await next();
	});
	app.route('/sync', createSyncRoutes(syncHostFor(deps)));

	const newHousehold = () => {
		const id = randomUUID();
		db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(
			id,
			new Date().toISOString()
		);
		return id;
	};
	const signIn = (role: Role = 'parent', householdId?: string | null) => {
		const hh =
			householdId === undefined ? (role === 'parent' ? newHousehold() : null) : householdId;
		const user: SessionUser = {
			id: randomUUID(),
			username: `user-${sessions.size}`,
			role,
			householdId: hh,
			civility: null,
			lastName: 'Test',
			firstNames: 'Utilisateur',
			email: `user${sessions.size}@test.localhost`,
			lastLoginAt: null
		};
		const token = randomUUID();
		sessions.set(token, user);
		return { token, user, dbName: hh ? householdDbName(hh) : 'hh-none' };
	};
	return { app, deps, sessions, signIn, newHousehold };
}

export interface RunningServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

/** Serves a Hono app on 127.0.0.1 (port 0 = any free port). */
export function listen(
	app: { fetch: (req: Request) => Response | Promise<Response> },
	port = 0
): Promise<RunningServer> {
	return new Promise((resolve) => {
		const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
			resolve({
				url: `http://127.0.0.1:${info.port}`,
				port: info.port,
				close: () =>
					new Promise<void>((done) => {
						if ('closeAllConnections' in server) server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}
