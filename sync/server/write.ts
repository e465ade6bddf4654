// Writes one revision into a document's rev tree: merge, winner, leaf bodies, changes-feed sequence.
import { createHash } from 'node:crypto';
import type { AttachmentMap, DocRow, SyncStore } from './store';
import {
	exists,
	mergePath,
	parseRev,
	pathFromRevisions,
	summarize,
	type Revisions,
	type RevTree,
	treeStats,
	type TreeSummary
} from './rev-tree';
import { DocRefused } from './errors';
import { revTreeJson } from './rev-tree-json';
import { MAX_LEAVES, MAX_OPEN_LEAVES, MAX_TREE_NODES } from './limits';

export interface IncomingRevision {
	id: string;
	revisions: Revisions;
	deleted: boolean;
	/** The document without its _ fields. */
	body: Record<string, unknown>;
	attachments: AttachmentMap | null;
}

export interface Applied {
	rev: string;
	/** False when the revision was already known (a replay): nothing was written. */
	changed: boolean;
	summary: TreeSummary;
	seq: number;
}

export function loadTree(row: DocRow | undefined): RevTree {
	return row ? (JSON.parse(row.rev_tree) as RevTree) : [];
}

/** Merges a revision with its ancestry (new_edits=false semantics: never a conflict error). */
export function applyRevision(
	store: SyncStore,
	dbName: string,
	revsLimit: number,
	inc: IncomingRevision
): Applied {
	const row = store.getDoc(dbName, inc.id);
	const tree = loadTree(row);
	const rev = `${inc.revisions.start}-${inc.revisions.ids[0]}`;
	if (row && exists(tree, rev)) {
		return { rev, changed: false, summary: summarize(tree), seq: row.seq };
	}
	const before = treeStats(tree);
	const merged = mergePath(tree, pathFromRevisions(inc.revisions, inc.deleted), revsLimit);
	checkTreeSize(before, treeStats(merged.tree));
	const summary = summarize(merged.tree);
	store.putRev(dbName, inc.id, rev, inc.deleted, JSON.stringify(inc.body), inc.attachments);
	// Auto-compaction: only leaves keep a body, as CouchDB after compaction.
	store.pruneRevs(dbName, inc.id, new Set(summary.leaves));
	const seq = store.nextSeq(dbName);
	store.upsertDoc(dbName, {
		doc_id: inc.id,
		seq,
		winning_rev: summary.winner,
		deleted: summary.deleted ? 1 : 0,
		leaves: JSON.stringify(summary.leaves),
		rev_tree: revTreeJson(merged.tree)
	});
	const wasLive = row ? !row.deleted : false;
	const wasDeleted = row ? !!row.deleted : false;
	store.addCounts(
		dbName,
		Number(!summary.deleted) - Number(wasLive),
		Number(summary.deleted) - Number(wasDeleted)
	);
	return { rev, changed: true, summary, seq };
}

/** Refuses a revision that grows a document's tree beyond the limits (S-LIM-4); shrinking is fine. */
function checkTreeSize(before: TreeStats, after: TreeStats) {
	if (after.openLeaves > MAX_OPEN_LEAVES && after.openLeaves > before.openLeaves)
		throw new DocRefused(
			'forbidden',
			`Ce document a déjà ${MAX_OPEN_LEAVES} versions en conflit : résolvez les conflits avant d’en ajouter.`
		);
	if (after.leaves > MAX_LEAVES && after.leaves > before.leaves)
		throw new DocRefused(
			'forbidden',
			`Ce document a trop de branches (${MAX_LEAVES} au maximum, supprimées comprises).`
		);
	if (after.nodes > MAX_TREE_NODES && after.nodes > before.nodes)
		throw new DocRefused(
			'forbidden',
			`L’historique de ce document est trop long (${MAX_TREE_NODES} révisions au maximum).`
		);
}
type TreeStats = ReturnType<typeof treeStats>;

export class RevConflict extends Error {}

/**
 * The ancestry of a new edit (new_edits=true): `_rev` must be a current leaf, or absent for a new
 * (or deleted) document. Throws RevConflict as CouchDB answers 409.
 */
export function newEditRevisions(
	row: DocRow | undefined,
	parentRev: string | undefined,
	content: unknown
): Revisions {
	const leaves: string[] = row ? (JSON.parse(row.leaves) as string[]) : [];
	let parent: { pos: number; hash: string } | null = null;
	if (parentRev) {
		if (!leaves.includes(parentRev)) throw new RevConflict();
		parent = parseRev(parentRev);
	} else if (row) {
		if (!row.deleted) throw new RevConflict();
		parent = parseRev(row.winning_rev);
	}
	const hash = createHash('md5')
		.update(JSON.stringify([parentRev ?? null, content]))
		.digest('hex');
	return parent ? { start: parent.pos + 1, ids: [hash, parent.hash] } : { start: 1, ids: [hash] };
}
