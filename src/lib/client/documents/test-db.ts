// Test helper: a real PouchDB (memory adapter) as the document services' database.
import { localDb } from '../../../../sync/test/pouch';
import type { LocalDb } from '$sync/pouch-types';

export function memoryDb(): { db: LocalDb; source: () => Promise<LocalDb> } {
	const db = localDb() as unknown as LocalDb;
	return { db, source: async () => db };
}
