// Reads a household database from the server itself (the staff desk): the winning, live revision
// of documents and the bytes of their attachments. No access check here: the caller decides who
// may read what (server/desk). A body alone (a given revision too): service-writes.ts readHouseholdDoc.
import { householdDbName } from './access';
import type { Db } from './host';
import { SyncStore, type AttachmentMap } from './store';

export interface HouseholdDoc {
	id: string;
	body: Record<string, unknown>;
	attachments: AttachmentMap;
}

/** The current content of a document, or null (unknown or deleted). */
export function readStoredDoc(db: Db, householdId: string, id: string): HouseholdDoc | null {
	const store = SyncStore.for(db);
	const name = householdDbName(householdId);
	const row = store.getDoc(name, id);
	if (!row || row.deleted) return null;
	const rev = store.getRev(name, id, row.winning_rev);
	if (!rev || rev.deleted) return null;
	return {
		id,
		body: JSON.parse(rev.body) as Record<string, unknown>,
		attachments: rev.attachments ? (JSON.parse(rev.attachments) as AttachmentMap) : {}
	};
}

/** The live documents whose id starts with `prefix` (`entourage:`, `reply:`…). */
export function readHouseholdDocs(
	db: Db,
	householdId: string,
	prefix: string
): { id: string; body: Record<string, unknown> }[] {
	return SyncStore.for(db).liveBodies(householdDbName(householdId), prefix);
}

/** The bytes of one attachment of a document's current revision, or null. */
export function readAttachment(
	db: Db,
	householdId: string,
	docId: string,
	attachment: string
): { contentType: string; data: Buffer } | null {
	const doc = readStoredDoc(db, householdId, docId);
	const meta = doc?.attachments[attachment];
	if (!meta) return null;
	const data = SyncStore.for(db).getBlob(householdDbName(householdId), meta.digest);
	return data ? { contentType: meta.content_type, data } : null;
}
