// The linear merge and stem give the same rev trees as pouchdb-merge (S-CONF-2, S-WRITE-4, S-LIM-5),
// on seeded random histories with overlaps, branches, deletions and stemming.
import { describe, expect, it } from 'vitest';
import { merge, type RevNode, type RevPath, type RevTree } from 'pouchdb-merge';
import { mergeLinear } from './rev-tree-merge';
import { revTreeJson } from './rev-tree-json';
import { pathFromRevisions } from './rev-tree';

function rng(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x7fffffff;
	};
}

/**
 * Roots in (pos, id) order, so trees built in a different root order compare equal. The `status` of
 * internal nodes is left out: pouchdb-merge shares mutable opts between copies of a revision that
 * appears twice, so it can flip; nothing reads it (only leaves keep a body, S-WRITE-4).
 */
function normalize(tree: RevTree): unknown {
	const node = (n: RevNode): unknown =>
		n[2].length ? [n[0], { deleted: n[1].deleted }, n[2].map(node)] : [n[0], { ...n[1] }, []];
	return [...tree]
		.sort((a, b) => a.pos - b.pos || (a.ids[0] < b.ids[0] ? -1 : 1))
		.map((p: RevPath) => ({ pos: p.pos, ids: node(p.ids) }));
}

describe('linear rev-tree merge', () => {
	it('S-LIM-5 matches pouchdb-merge on 3 000 random merges', () => {
		const random = rng(42);
		for (let doc = 0; doc < 150; doc++) {
			const depth = 1 + Math.floor(random() * 6);
			let ours: RevTree = [];
			let theirs: RevTree = [];
			for (let step = 0; step < 20; step++) {
				const len = 1 + Math.floor(random() * 6);
				const start = len + Math.floor(random() * 5);
				const ids = Array.from({ length: len }, () => 'abcd'[Math.floor(random() * 4)]!);
				const path = pathFromRevisions({ start, ids }, random() < 0.2);
				theirs = merge(structuredClone(theirs), structuredClone(path), depth).tree;
				ours = mergeLinear(structuredClone(ours), structuredClone(path), depth).tree;
				expect(normalize(ours)).toEqual(normalize(theirs));
				expect(revTreeJson(ours)).toBe(JSON.stringify(ours));
			}
		}
	});

	it('S-LIM-5 conflicts kind matches pouchdb-merge', () => {
		const base = pathFromRevisions({ start: 2, ids: ['b', 'a'] }, false);
		for (const [start, ids] of [
			[3, ['c', 'b']],
			[2, ['x', 'a']],
			[1, ['a']]
		] as const) {
			const p = pathFromRevisions({ start, ids: [...ids] }, false);
			expect(mergeLinear([structuredClone(base)], structuredClone(p), 10).conflicts).toBe(
				merge([structuredClone(base)], structuredClone(p), 10).conflicts
			);
		}
	});
});
