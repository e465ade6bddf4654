import { describe, expect, it } from 'vitest';
import { addManualCriterion, moveCriterion, removeCriterion } from './grid-draft';
import type { Criterion } from '$domain/commission-score';

const grid: Criterion[] = [
	{
		id: 'both-working',
		label: 'Deux parents en activité',
		points: 20,
		source: 'questionnaire',
		rule: 'bothParentsWorking'
	},
	{ id: 'manual-1', label: 'Situation sociale', points: 10, source: 'manual', rule: 'manual' },
	{
		id: 'months',
		label: 'Ancienneté',
		points: 1,
		source: 'seniority',
		rule: 'monthsWaiting',
		maxPoints: 12
	}
];

describe('the admin’s draft of the scoring grid', () => {
	it('moves a criterion up or down and leaves the ends as they are', () => {
		expect(moveCriterion(grid, 2, -1).map((c) => c.id)).toEqual([
			'both-working',
			'months',
			'manual-1'
		]);
		expect(moveCriterion(grid, 0, -1)).toEqual(grid);
		expect(moveCriterion(grid, 2, 1)).toEqual(grid);
	});

	it('adds a manual criterion with an id no other criterion has', () => {
		const next = addManualCriterion(grid);
		expect(next).toHaveLength(4);
		expect(next[3]).toEqual({
			id: 'manual-2',
			label: '',
			points: 0,
			source: 'manual',
			rule: 'manual'
		});
		expect(addManualCriterion(next)[4]!.id).toBe('manual-3');
	});

	it('removes one criterion without touching the others', () => {
		expect(removeCriterion(grid, 1).map((c) => c.id)).toEqual(['both-working', 'months']);
	});
});
