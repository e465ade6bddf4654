// Renders stored revisions back into CouchDB JSON (GET doc, open_revs, _bulk_get).
import type { AttachmentMap, DocRow, SyncStore } from './store';
import { latestLeaf, revisionsOf, summarize, type RevTree } from './rev-tree';
import { loadTree } from './write';

export interface RenderOptions {
	revs?: boolean;
	attachments?: boolean;
	conflicts?: boolean;
}

export type Rendered = Record<string, unknown> & { _id: string; _rev: string };

export class DocReader {
	constructor(
		private store: SyncStore,
		private dbName: string
	) {}

	doc(id: string): { row: DocRow; tree: RevTree } | null {
		const row = this.store.getDoc(this.dbName, id);
		return row ? { row, tree: loadTree(row) } : null;
	}

	/** A revision with a stored body (leaves only: older ones were compacted), or null. */
	render(id: string, tree: RevTree, rev: string, opts: RenderOptions): Rendered | null {
		const stored = this.store.getRev(this.dbName, id, rev);
		if (!stored) return null;
		const out: Rendered = {
			_id: id,
			_rev: rev,
			...(JSON.parse(stored.body) as Record<string, unknown>)
		};
		if (stored.deleted) out._deleted = true;
		if (stored.attachments)
			out._attachments = this.attachments(
				JSON.parse(stored.attachments) as AttachmentMap,
				!!opts.attachments
			);
		if (opts.conflicts) {
			const conflicts = summarize(tree).conflicts;
			if (conflicts.length) out._conflicts = conflicts;
		}
		if (opts.revs) out._revisions = revisionsOf(tree, rev);
		return out;
	}

	/** The revision to serve for a request naming `rev`, following `latest` to its leaf. */
	resolve(tree: RevTree, rev: string, latest: boolean): string {
		if (!latest) return rev;
		try {
			return latestLeaf(tree, rev);
		} catch {
			return rev;
		}
	}

	private attachments(atts: AttachmentMap, inline: boolean) {
		const out: Record<string, unknown> = {};
		for (const [name, a] of Object.entries(atts)) {
			if (inline) {
				const data = this.store.getBlob(this.dbName, a.digest);
				out[name] = {
					content_type: a.content_type,
					revpos: a.revpos,
					digest: a.digest,
					data: data?.toString('base64') ?? ''
				};
			} else {
				out[name] = {
					content_type: a.content_type,
					revpos: a.revpos,
					digest: a.digest,
					length: a.length,
					stub: true
				};
			}
		}
		return out;
	}
}
