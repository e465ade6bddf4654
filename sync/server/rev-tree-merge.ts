// Linear-time rev-tree merge and stemming (S-LIM-5). pouchdb-merge's `merge` stems by listing every
// root-to-leaf path with a copy of its history at every node, then re-merging the paths one by one:
// O(nodes × depth) and O(leaves²) per write, which froze the server on a 50 000-entry history or a
// document with 5 000 branches. `mergeTree` and `doMerge` below are pouchdb-merge 9's (Apache-2.0),
// already linear; `stem` is rewritten to give the same tree in one pass (rev-tree-merge.test.ts
// compares both on random trees).
import type { RevNode, RevPath, RevTree } from 'pouchdb-merge';

type Conflicts = 'new_leaf' | 'new_branch' | 'internal_node';

function insertSorted(arr: RevNode[], item: RevNode) {
	let low = 0;
	let high = arr.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (arr[mid]![0] < item[0]) low = mid + 1;
		else high = mid;
	}
	arr.splice(low, 0, item);
}

/** Merges tree2 into tree1 (same root revision); mutates and returns tree1. */
function mergeTree(inTree1: RevNode, inTree2: RevNode): { conflicts: Conflicts | false } {
	const queue: [RevNode, RevNode][] = [[inTree1, inTree2]];
	let conflicts: Conflicts | false = false;
	while (queue.length) {
		const [tree1, tree2] = queue.pop()!;
		if (tree1[1].status || tree2[1].status) {
			tree1[1].status =
				tree1[1].status === 'available' || tree2[1].status === 'available'
					? 'available'
					: 'missing';
		}
		for (const child2 of tree2[2]) {
			if (!tree1[2][0]) {
				conflicts = 'new_leaf';
				tree1[2][0] = child2;
				continue;
			}
			let merged = false;
			for (const child1 of tree1[2]) {
				if (child1[0] === child2[0]) {
					queue.push([child1, child2]);
					merged = true;
				}
			}
			if (!merged) {
				conflicts = 'new_branch';
				insertSorted(tree1[2], child2);
			}
		}
	}
	return { conflicts };
}

function doMerge(tree: RevTree, path: RevPath): { tree: RevTree; conflicts: Conflicts } {
	if (!tree.length) return { tree: [path], conflicts: 'new_leaf' };
	const restree: RevTree = [];
	let conflicts: Conflicts | false = false;
	let merged = false;
	for (const branch of tree) {
		if (branch.pos === path.pos && branch.ids[0] === path.ids[0]) {
			const res = mergeTree(branch.ids, path.ids);
			restree.push({ pos: branch.pos, ids: branch.ids });
			conflicts = conflicts || res.conflicts;
			merged = true;
			continue;
		}
		// Different starting positions: walk the earlier one down to the later one's position and
		// merge there if the revisions match.
		const t1 = branch.pos < path.pos ? branch : path;
		const t2 = branch.pos < path.pos ? path : branch;
		const trees: { ids: RevNode; diff: number; parent: RevNode | null; idx: number }[] = [
			{ ids: t1.ids, diff: t2.pos - t1.pos, parent: null, idx: 0 }
		];
		let candidate: (typeof trees)[number] | undefined;
		while (trees.length) {
			const item = trees.pop()!;
			if (item.diff === 0) {
				if (!candidate && item.ids[0] === t2.ids[0]) candidate = item;
				continue;
			}
			item.ids[2].forEach((ids, idx) =>
				trees.push({ ids, diff: item.diff - 1, parent: item.ids, idx })
			);
		}
		if (!candidate || !candidate.parent) {
			restree.push(branch);
		} else {
			const res = mergeTree(candidate.ids, t2.ids);
			candidate.parent[2][candidate.idx] = candidate.ids;
			restree.push({ pos: t1.pos, ids: t1.ids });
			conflicts = conflicts || res.conflicts;
			merged = true;
		}
	}
	if (!merged) restree.push(path);
	restree.sort((a, b) => a.pos - b.pos);
	return { tree: restree, conflicts: conflicts || 'internal_node' };
}

/**
 * Keeps, on every root-to-leaf path, its last `depth` revisions and merges the kept paths that start
 * at the same revision — exactly what pouchdb-merge's stem gives (a revision can then appear both
 * inside a tree and as the root of a stemmed path, as in CouchDB). One depth-first walk with an
 * ancestor stack: the cost is the size of the result (at most `depth` nodes per leaf).
 */
export function stem(tree: RevTree, depth: number): RevTree {
	const roots = new Map<string, RevPath>();
	const children = new Map<RevNode, Map<string, RevNode>>();
	const ancestors: { node: RevNode; pos: number }[] = [];
	for (const root of tree) {
		const stack: { node: RevNode; pos: number; level: number }[] = [
			{ node: root.ids, pos: root.pos, level: 0 }
		];
		while (stack.length) {
			const { node, pos, level } = stack.pop()!;
			ancestors.length = level;
			ancestors.push({ node, pos });
			if (node[2].length) {
				for (const child of node[2]) stack.push({ node: child, pos: pos + 1, level: level + 1 });
				continue;
			}
			// A leaf: its kept path starts `depth - 1` revisions above it (or at its root).
			const first = Math.max(0, ancestors.length - depth);
			const top = ancestors[first]!;
			const key = `${top.pos}-${top.node[0]}`;
			let built = roots.get(key)?.ids;
			if (!built) {
				built = [top.node[0], { ...top.node[1] }, []];
				roots.set(key, { pos: top.pos, ids: built });
			} else mergeStatus(built, top.node);
			for (let i = first + 1; i < ancestors.length; i++) {
				const src = ancestors[i]!.node;
				let kids = children.get(built);
				if (!kids) children.set(built, (kids = new Map()));
				let next = kids.get(src[0]);
				if (!next) {
					next = [src[0], { ...src[1] }, []];
					kids.set(src[0], next);
					insertSorted(built[2], next);
				} else mergeStatus(next, src);
				built = next;
			}
		}
	}
	return [...roots.values()].sort((a, b) => a.pos - b.pos);
}

function mergeStatus(into: RevNode, from: RevNode) {
	if (into[1].status || from[1].status)
		into[1].status =
			into[1].status === 'available' || from[1].status === 'available' ? 'available' : 'missing';
}

/** pouchdb-merge's `merge(tree, path, depth)` in linear time. Mutates `tree`. */
export function mergeLinear(
	tree: RevTree,
	path: RevPath,
	depth: number
): { tree: RevTree; conflicts: Conflicts } {
	const merged = doMerge(tree, path);
	return { tree: stem(merged.tree, depth), conflicts: merged.conflicts };
}
