// The admin's draft of the scoring grid before it is saved as a new version: reorder, add a
// manual criterion (checked by an agent on each file), remove. Pure, never mutates its input.
import type { Criterion } from '$domain/commission-score';

export function moveCriterion(grid: Criterion[], index: number, delta: -1 | 1): Criterion[] {
	const target = index + delta;
	if (target < 0 || target >= grid.length) return grid;
	const next = [...grid];
	[next[index], next[target]] = [next[target]!, next[index]!];
	return next;
}

export function addManualCriterion(grid: Criterion[]): Criterion[] {
	const ids = new Set(grid.map((c) => c.id));
	let n = 1;
	while (ids.has(`manual-${n}`)) n += 1;
	return [...grid, { id: `manual-${n}`, label: '', points: 0, source: 'manual', rule: 'manual' }];
}

export function removeCriterion(grid: Criterion[], index: number): Criterion[] {
	return grid.filter((_, i) => i !== index);
}
