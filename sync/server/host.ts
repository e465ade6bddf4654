// What the sync layer needs from the application that mounts it, given once at mount
// (`createSyncRoutes(host)`): the database, the clock, the few settings sync reads, and the hook a
// projected change calls inside its transaction (the request history and its notifications).
// sync/ never imports server/: the server builds its host from its own dependencies
// (server/sync-host.ts).
import type Database from 'better-sqlite3';

/** The application's SQLite connection (sync's tables live beside the app's). */
export type Db = Database.Database;

export interface SyncConfig {
	/** How many requests one household may submit per day (S-PROJ quota). */
	requestsPerHouseholdPerDay: number;
}

/** One change of a numbered request, recorded in its history (server: request_events). */
export interface RequestChange {
	requestId: string;
	number: number;
	/** 'submit', an agent's action ('take', 'ask-pieces', …) or the family's 'pieces-sent'. */
	action: string;
	/** The status after the change. */
	status: string;
	/** The agent, or null for the family (through its device's sync). */
	actorId: string | null;
	/** Shown in the history: the agent's name, or « Famille ». */
	actorName: string;
	comment?: string | null;
	message?: string | null;
	reason?: string | null;
}

export interface SyncHost {
	db: Db;
	clock: { now(): number };
	config: SyncConfig;
	/** Wakes the outbox worker after a commit that wrote outbox rows. */
	kickOutbox(): void;
	/**
	 * A request changed: record it (history, event log, and the app's notifications: service mail,
	 * webhook, live feed — outbox rows, so the write then kicks the outbox). Inside the transaction.
	 */
	requestChanged(change: RequestChange): void;
	/** A new request's submitted document, for the app (the desk's list index). Inside the transaction. */
	requestSubmitted(number: number, body: Record<string, unknown>): void;
	/**
	 * The app's own projectors, by document type (the commission's `confirmation` and
	 * `offer-answer`): run after sync's, inside the same write transaction; one that throws
	 * (DocRefused for a French reason) rolls the revision back (S-PROJ-1).
	 */
	appProjectors?: Readonly<Record<string, AppProjector>>;
}

/** A projector the app supplies (same contract as sync's own, see projectors/registry.ts). */
export type AppProjector = (
	rev: { id: string; rev: string; type: string; body: Record<string, unknown>; deleted: boolean },
	ctx: { host: SyncHost; dbName: string; householdId: string; now: number; outboxWritten(): void }
) => void;

/** Who is calling /sync: set by the application's session middleware on the shared context. */
export interface SyncUser {
	role: string;
	householdId: string | null;
}

/** The Hono environment of the /sync routes. */
export interface SyncEnv {
	Variables: {
		syncHost: SyncHost;
		user: SyncUser | null;
	};
}
