// Wakes whoever follows a database's request events (the desk's live feed, the outbox worker for
// webhooks) once the change that recorded them has committed. Listeners re-read request_events
// from their own cursor, so a wake carries no data and several coalesce into one.
import { EventEmitter } from 'node:events';
import type { Db } from '../db';

const buses = new WeakMap<Db, EventEmitter>();
const pending = new WeakSet<Db>();

export function requestEventsBus(db: Db): EventEmitter {
	let bus = buses.get(db);
	if (!bus) {
		bus = new EventEmitter();
		bus.setMaxListeners(0); // one per connected agent
		buses.set(db, bus);
	}
	return bus;
}

/**
 * Called inside the transaction that records an event: the wake happens after the current
 * synchronous work (the commit) is done. A rolled-back change wakes listeners for nothing, harmlessly.
 */
export function wakeAfterCommit(db: Db): void {
	if (pending.has(db)) return;
	pending.add(db);
	setImmediate(() => {
		pending.delete(db);
		requestEventsBus(db).emit('changed');
	});
}
