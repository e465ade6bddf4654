// Which local documents are not on the server yet. The push replication checkpoints the local
// sequence it has delivered ("pushedThrough"); every change after it is pending unless it came
// from the server itself (a pulled revision) or the server refused it (shown as denied instead).

export interface LocalChange {
	id: string;
	seq: number | string;
	/** Leaf revisions of the change; the first is the winning one with style "main_only". */
	changes: { rev: string }[];
}

export interface DeniedDoc {
	id: string;
	/** The server's French reason, shown to the parent as is. */
	reason: string;
}

export interface PendingResult {
	ids: string[];
	/** Pulled revisions still ahead of the push checkpoint; the rest can be forgotten. */
	pulledRevs: Record<string, string>;
}

export function computePending(
	changesSincePushed: LocalChange[],
	pulledRevs: Record<string, string>,
	denied: readonly DeniedDoc[] = []
): PendingResult {
	const refused = new Set(denied.map((d) => d.id));
	const ids: string[] = [];
	const stillAhead: Record<string, string> = {};
	for (const change of changesSincePushed) {
		if (change.id.startsWith('_')) continue; // design and _local documents never replicate
		const rev = change.changes[0]?.rev;
		if (rev !== undefined && pulledRevs[change.id] === rev) {
			stillAhead[change.id] = rev;
			continue;
		}
		if (!refused.has(change.id)) ids.push(change.id);
	}
	return { ids: [...new Set(ids)], pulledRevs: stillAhead };
}

/** A document edited again after a refusal is retried, so it leaves the denied list. */
export function forgetRetriedDenials(
	denied: readonly DeniedDoc[],
	locallyChangedIds: Iterable<string>
): DeniedDoc[] {
	const changed = new Set(locallyChangedIds);
	return denied.filter((d) => !changed.has(d.id));
}

/** Adds or replaces a refusal, one entry per document. */
export function recordDenial(denied: readonly DeniedDoc[], next: DeniedDoc): DeniedDoc[] {
	return [...denied.filter((d) => d.id !== next.id), next];
}

/** Reads PouchDB's `denied` event payload, whose shape differs between servers. */
export function toDeniedDoc(error: unknown): DeniedDoc | null {
	if (typeof error !== 'object' || error === null) return null;
	const e = error as { id?: unknown; reason?: unknown; message?: unknown };
	if (typeof e.id !== 'string') return null;
	const reason =
		typeof e.reason === 'string' && e.reason
			? e.reason
			: typeof e.message === 'string' && e.message
				? e.message
				: 'Document refusé par le serveur.';
	return { id: e.id, reason };
}
