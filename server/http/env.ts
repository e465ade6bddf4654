// The Hono environment shared by every route: who is calling, and the app's dependencies.
import type { Db } from '../db';
import type { Config } from '../config';
import type { Clock } from '../clock';

export type Role = 'parent' | 'staff' | 'admin';

export interface SessionUser {
	id: string;
	username: string;
	role: Role;
	householdId: string | null;
	civility: 'Madame' | 'Monsieur' | null;
	lastName: string;
	firstNames: string;
	email: string;
	lastLoginAt: string | null;
}

export interface AppDeps {
	db: Db;
	config: Config;
	clock: Clock;
	/** Wakes the outbox worker after a commit that wrote outbox rows (no-op in tests). */
	kickOutbox: () => void;
}

export interface AppEnv {
	Variables: {
		deps: AppDeps;
		/** The signed-in user, or null. Set by the session middleware on every request. */
		user: SessionUser | null;
		sessionId: string | null;
		/** The client's IP address (see client-address.ts), 'unknown' without a socket. */
		clientAddress: string;
	};
}
