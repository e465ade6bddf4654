// Conflicting versions of one document: two devices of the family edited the same draft while
// offline, replication keeps both leaves (CouchDB semantics) and picks a winner the parent never
// chose. The parent sees the versions and keeps one; the others are removed the CouchDB way
// (the kept content written on the winning branch, every other leaf deleted, one bulkDocs), so
// every device converges on the same document once it syncs.
import { DocumentError, nowIso, type DbSource, type StoredDoc } from './store';

export const VERSION_GONE =
	'Cette version n’existe plus : le document a changé entre-temps. Choisissez à nouveau.';

const MAX_ATTEMPTS = 3;
const isStatus = (error: unknown, status: number) =>
	typeof error === 'object' && error !== null && (error as { status?: number }).status === status;

/** Without the fields PouchDB adds on read: what a version says. */
function strip(doc: StoredDoc): StoredDoc {
	const { _conflicts, ...rest } = doc as StoredDoc & { _conflicts?: string[] };
	void _conflicts;
	return rest;
}

async function winnerWithConflicts(
	source: DbSource,
	id: string
): Promise<(StoredDoc & { _conflicts?: string[] }) | null> {
	const db = await source();
	try {
		return await db.get(id, { conflicts: true });
	} catch (error) {
		if (isStatus(error, 404)) return null;
		throw error;
	}
}

/** The winning version first, then each conflicting leaf; null when the document has none. */
export async function documentConflicts(source: DbSource, id: string): Promise<StoredDoc[] | null> {
	const winner = await winnerWithConflicts(source, id);
	if (!winner?._conflicts?.length) return null;
	const db = await source();
	const others = await Promise.all(winner._conflicts.map((rev) => db.get(id, { rev })));
	return [strip(winner), ...others.map(strip)];
}

/**
 * Keeps the content of leaf `keepRev` as the document and deletes every other leaf, in one
 * bulkDocs; `allowed(kept, winner)` may refuse (throws its DocumentError). Returns the document.
 */
export async function resolveDocumentConflict(
	source: DbSource,
	id: string,
	keepRev: string,
	allowed: (kept: StoredDoc, winner: StoredDoc) => Promise<void> = async () => {}
): Promise<StoredDoc> {
	const db = await source();
	for (let attempt = 1; ; attempt++) {
		const winner = await winnerWithConflicts(source, id);
		const leaves = winner ? [winner._rev!, ...(winner._conflicts ?? [])] : [];
		if (!winner || !leaves.includes(keepRev)) throw new DocumentError(VERSION_GONE, 'not-found');
		const kept =
			keepRev === winner._rev ? strip(winner) : strip(await db.get(id, { rev: keepRev }));
		await allowed(kept, strip(winner));
		const content: StoredDoc = { ...kept, _id: id, _rev: winner._rev, updatedAt: nowIso() };
		const deletions = leaves
			.filter((rev) => rev !== winner._rev)
			.map((rev): StoredDoc => ({ _id: id, _rev: rev, _deleted: true }));
		const results = await db.bulkDocs([content, ...deletions]);
		const failed = results.find((r) => 'error' in r);
		if (!failed) {
			const first = results[0] as { rev: string };
			return { ...content, _rev: first.rev };
		}
		// Another write (a pull, another tab) moved the document between the read and the write:
		// read again; the writes that did land are leaves of the same tree, so a retry converges.
		if (attempt >= MAX_ATTEMPTS) throw new DocumentError(VERSION_GONE, 'not-found');
	}
}
