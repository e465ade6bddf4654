// Projectors turn accepted household revisions into relational rows, inside the write transaction:
// a projector that throws rolls back that document's revision too (SYNC_SPEC S-PROJ-1).
import type { SyncHost } from '../host';

export interface AcceptedRevision {
	id: string;
	rev: string;
	type: string;
	body: Record<string, unknown>;
	deleted: boolean;
}

export interface ProjectionContext {
	host: SyncHost;
	dbName: string;
	householdId: string;
	now: number;
	/** Writes (creates or updates) a service-owned `svc:` document in this household database. */
	writeServiceDoc(id: string, body: Record<string, unknown>): string;
	/** Marks that outbox rows were written, so the worker is woken after commit. */
	outboxWritten(): void;
}

export type Projector = (rev: AcceptedRevision, ctx: ProjectionContext) => void;

const byType = new Map<string, Projector[]>();

/** Registers a projector for a document type; returns a function that removes it (tests). */
export function registerProjector(type: string, projector: Projector): () => void {
	const list = byType.get(type) ?? [];
	list.push(projector);
	byType.set(type, list);
	return () => {
		const l = byType.get(type) ?? [];
		const i = l.indexOf(projector);
		if (i >= 0) l.splice(i, 1);
	};
}

export function projectorsFor(type: string): readonly Projector[] {
	return byType.get(type) ?? [];
}
