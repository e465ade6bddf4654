import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
	it('doubles the step at each attempt, between half and all of it', () => {
		expect(backoffDelay(1, () => 0)).toBe(1_000);
		expect(backoffDelay(1, () => 1)).toBe(2_000);
		expect(backoffDelay(2, () => 1)).toBe(4_000);
		expect(backoffDelay(3, () => 0.5)).toBe(6_000);
	});

	it('never waits more than the maximum', () => {
		expect(backoffDelay(30, () => 1)).toBe(300_000);
		expect(backoffDelay(1_000, () => 1, { baseMs: 10, maxMs: 50 })).toBe(50);
	});

	it('tolerates odd random values and attempt numbers', () => {
		expect(backoffDelay(0, () => 2)).toBe(2_000);
		expect(backoffDelay(1, () => Number.NaN)).toBe(1_000);
	});
});
