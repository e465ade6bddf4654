// Wakes long-polling _changes requests after a commit on their database (one process, in memory).
import { EventEmitter } from 'node:events';

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function notifyChanged(dbName: string) {
	bus.emit(dbName);
}

/** Calls `listener` once on the next commit to `dbName`; returns an unsubscribe function. */
export function onNextChange(dbName: string, listener: () => void): () => void {
	bus.once(dbName, listener);
	return () => bus.off(dbName, listener);
}
