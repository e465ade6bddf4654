// The real PouchDB client as the app runs it, in Node: core + memory adapter + HTTP + replication.
import PouchDB, { type Database, type PouchDoc } from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import { randomUUID } from 'node:crypto';

export const Pouch = PouchDB.plugin(memory).plugin(http).plugin(replication);

/** A fresh in-memory device database. */
export function localDb(): Database {
	return new Pouch(`device-${randomUUID()}`, { adapter: 'memory' });
}

/** A remote database reached over HTTP with the given test session token. */
export function remoteDb(url: string, token?: string): Database {
	return new Pouch(url, { headers: token ? { 'x-test-session': token } : {}, skip_setup: false });
}

/** Replicates once and resolves with the result, failing on any error. */
export async function replicateOnce(
	from: Database,
	to: Database,
	opts: Record<string, unknown> = {}
) {
	return Pouch.replicate(from, to, opts);
}

/** Sorted {id, rev} of every live document, for comparing two databases. */
export async function snapshot(db: Database) {
	const res = await db.allDocs({ conflicts: true, include_docs: true });
	return res.rows.map((r) => ({
		id: r.id,
		rev: r.value.rev,
		conflicts: (r.doc as PouchDoc | undefined)?._conflicts ?? []
	}));
}
