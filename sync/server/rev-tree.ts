// Rev-tree arithmetic delegated to pouchdb-merge, so winners and conflicts match PouchDB and CouchDB.
// Every operation here is linear in the size of the tree (S-LIM-5): pouchdb-merge's `merge`,
// `latest` and `rootToLeaf` copy each node's history (O(nodes × depth)); ours walk it once.
import { collectLeaves, winningRev, type RevNode, type RevPath, type RevTree } from 'pouchdb-merge';
import { mergeLinear } from './rev-tree-merge';

export type { RevTree };

export interface Revisions {
	start: number;
	ids: string[];
}

/**
 * A revision hash: PouchDB and CouchDB make 32 hex digits; letters and digits are accepted as before
 * (stored data, tests use readable ones), bounded in length (S-LIM-1).
 */
export const REV_HASH = /^[0-9a-zA-Z]{1,64}$/;

/** `pos-hash` with pos a positive safe integer and a sane hash (S-LIM-1), else null. */
export function parseRev(rev: string): { pos: number; hash: string } | null {
	const m = /^([1-9]\d{0,15})-([0-9a-zA-Z]{1,64})$/.exec(rev);
	if (!m) return null;
	const pos = Number(m[1]);
	return Number.isSafeInteger(pos) ? { pos, hash: m[2]! } : null;
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
	conflicts: 'new_leaf' | 'new_branch' | 'internal_node';
}

export function mergePath(tree: RevTree, path: RevPath, revsLimit: number): MergeResult {
	return mergeLinear(tree, path, revsLimit);
}

interface Visit {
	node: RevNode;
	pos: number;
	parent: Visit | null;
}

/** Depth-first, in pouchdb-merge's order, until `stop` returns true; the visit it stopped at. */
function walk(tree: RevTree, stop: (v: Visit) => boolean): Visit | null {
	const stack: Visit[] = tree.map((p) => ({ node: p.ids, pos: p.pos, parent: null }));
	let v: Visit | undefined;
	while ((v = stack.pop())) {
		if (stop(v)) return v;
		for (const child of v.node[2]) stack.push({ node: child, pos: v.pos + 1, parent: v });
	}
	return null;
}

function find(tree: RevTree, rev: string): Visit | null {
	const target = parseRev(rev);
	if (!target) return null;
	return walk(tree, (v) => v.pos === target.pos && v.node[0] === target.hash);
}

export function exists(tree: RevTree, rev: string): boolean {
	return !!find(tree, rev);
}

/** Every revision of the tree, to answer many `exists` questions in one walk (_revs_diff). */
export function allRevs(tree: RevTree): Set<string> {
	const revs = new Set<string>();
	walk(tree, (v) => {
		revs.add(`${v.pos}-${v.node[0]}`);
		return false;
	});
	return revs;
}

/** Sizes the limits look at (S-LIM-4): nodes, leaves, and leaves not deleted. */
export function treeStats(tree: RevTree): { nodes: number; leaves: number; openLeaves: number } {
	let nodes = 0;
	let leaves = 0;
	let openLeaves = 0;
	walk(tree, (v) => {
		nodes++;
		if (!v.node[2].length) {
			leaves++;
			if (!v.node[1].deleted) openLeaves++;
		}
		return false;
	});
	return { nodes, leaves, openLeaves };
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
	const found = find(tree, rev);
	if (!found) throw new Error(`unknown revision ${rev}`);
	// pouchdb-merge's `latest` answers the first leaf of its walk below `rev`: the last child each time.
	let { node, pos } = found;
	while (node[2].length) {
		node = node[2][node[2].length - 1]!;
		pos++;
	}
	return `${pos}-${node[0]}`;
}

/** `_revisions` for a stored revision: its ancestry back to the oldest rev still in the tree. */
export function revisionsOf(tree: RevTree, rev: string): Revisions | null {
	const found = find(tree, rev);
	if (!found) return null;
	const ids: string[] = [];
	for (let v: Visit | null = found; v; v = v.parent) ids.push(v.node[0]);
	return { start: found.pos, ids };
}
