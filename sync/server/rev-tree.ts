// Rev-tree arithmetic delegated to pouchdb-merge, so winners and conflicts match PouchDB and CouchDB.
import {
	collectLeaves,
	latest,
	merge,
	revExists,
	rootToLeaf,
	winningRev,
	type RevNode,
	type RevPath,
	type RevTree
} from 'pouchdb-merge';

export type { RevTree };

export interface Revisions {
	start: number;
	ids: string[];
}

export function parseRev(rev: string): { pos: number; hash: string } | null {
	const m = /^(\d+)-([0-9a-zA-Z]+)$/.exec(rev);
	if (!m) return null;
	const pos = Number(m[1]);
	return pos > 0 ? { pos, hash: m[2]! } : null;
}

/** The linear path leaf→root given by `_revisions` (newest first), as a merge input. */
export function pathFromRevisions(revisions: Revisions, deleted: boolean): RevPath {
	const { start, ids } = revisions;
	let node: RevNode | null = null;
	ids.forEach((hash, i) => {
		const isLeaf = i === 0;
		const opts = isLeaf
			? deleted
				? { status: 'available' as const, deleted: true }
				: { status: 'available' as const }
			: { status: 'missing' as const };
		node = [hash, opts, node ? [node] : []];
	});
	return { pos: start - ids.length + 1, ids: node! };
}

export interface MergeResult {
	tree: RevTree;
	stemmedRevs: string[];
	conflicts: 'new_leaf' | 'new_branch' | 'internal_node';
}

export function mergePath(tree: RevTree, path: RevPath, revsLimit: number): MergeResult {
	return merge(tree, path, revsLimit);
}

export function exists(tree: RevTree, rev: string): boolean {
	return revExists(tree, rev);
}

export interface TreeSummary {
	winner: string;
	deleted: boolean;
	/** Every leaf, winner first, as style=all_docs lists them. */
	leaves: string[];
	/** Non-deleted leaves other than the winner (CouchDB's _conflicts). */
	conflicts: string[];
	deletedLeaves: Set<string>;
}

export function summarize(tree: RevTree): TreeSummary {
	const winner = winningRev({ rev_tree: tree });
	const leaves = collectLeaves(tree);
	const deletedLeaves = new Set(leaves.filter((l) => l.opts.deleted).map((l) => l.rev));
	return {
		winner,
		deleted: deletedLeaves.has(winner),
		leaves: [winner, ...leaves.map((l) => l.rev).filter((r) => r !== winner)],
		conflicts: leaves.filter((l) => l.rev !== winner && !l.opts.deleted).map((l) => l.rev),
		deletedLeaves
	};
}

/** The leaf a (possibly superseded) revision leads to, for `latest=true`. */
export function latestLeaf(tree: RevTree, rev: string): string {
	return latest(rev, { rev_tree: tree });
}

/** `_revisions` for a stored revision: its ancestry back to the oldest rev still in the tree. */
export function revisionsOf(tree: RevTree, rev: string): Revisions | null {
	const target = parseRev(rev);
	if (!target) return null;
	for (const path of rootToLeaf(tree)) {
		const idx = path.ids.findIndex((n, i) => path.pos + i === target.pos && n.id === target.hash);
		if (idx >= 0) {
			const ids = path.ids
				.slice(0, idx + 1)
				.map((n) => n.id)
				.reverse();
			return { start: target.pos, ids };
		}
	}
	return null;
}
