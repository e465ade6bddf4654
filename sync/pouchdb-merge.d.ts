// Types for the parts of pouchdb-merge the sync store uses (the package ships none).
declare module 'pouchdb-merge' {
	export interface RevOpts {
		status?: 'available' | 'missing';
		deleted?: boolean;
	}
	/** [hash, opts, children] */
	export type RevNode = [string, RevOpts, RevNode[]];
	export interface RevPath {
		pos: number;
		ids: RevNode;
	}
	export type RevTree = RevPath[];
	export interface RevMetadata {
		id?: string;
		rev_tree: RevTree;
	}
	export function merge(
		tree: RevTree,
		path: RevPath,
		depth: number
	): {
		tree: RevTree;
		stemmedRevs: string[];
		conflicts: 'new_leaf' | 'new_branch' | 'internal_node';
	};
	export function winningRev(metadata: RevMetadata): string;
	export function collectLeaves(tree: RevTree): { rev: string; opts: RevOpts }[];
	export function collectConflicts(metadata: RevMetadata): string[];
	export function revExists(tree: RevTree, rev: string): boolean;
	export function isDeleted(metadata: RevMetadata, rev?: string): boolean;
	export function latest(rev: string, metadata: RevMetadata): string;
	export function rootToLeaf(
		tree: RevTree
	): { pos: number; ids: { id: string; opts: RevOpts }[] }[];
	export function traverseRevTree<C>(
		tree: RevTree,
		cb: (isLeaf: boolean, pos: number, hash: string, ctx: C, opts: RevOpts) => C
	): void;
}
