// What the conflict view shows for each version of a document: its rows (the review rows of its
// type), each marked when another version says something else, so the parent sees at a glance
// what differs. Pure, used by ConflictGate.svelte.
export interface Row {
	label: string;
	value: string;
}

export interface VersionRow extends Row {
	/** Another version has no such row or another value for it. */
	differs: boolean;
}

const key = (row: Row) => `${row.label}\u0000${row.value}`;

/** The rows of each version, each marked `differs` unless every version has the same row. */
export function compareVersions(versions: Row[][]): VersionRow[][] {
	const sets = versions.map((rows) => new Set(rows.map(key)));
	return versions.map((rows) =>
		rows.map((row) => ({ ...row, differs: !sets.every((set) => set.has(key(row))) }))
	);
}

/** « Version 1 », « Version 2 »…: labels that say nothing about which device wrote what. */
export const versionLabel = (index: number) => `Version ${index + 1}`;
