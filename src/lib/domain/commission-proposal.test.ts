import { describe, expect, it } from 'vitest';
import {
	assignProblem,
	computeProposal,
	type Capacity,
	type ProposalFile
} from './commission-proposal';

const file = (n: number, score: number, choices: string[], over: Partial<ProposalFile> = {}) =>
	({
		requestId: `r${n}`,
		number: n,
		score,
		submittedAt: `2026-09-${String(10 + n).padStart(2, '0')}T08:00:00.000Z`,
		ageGroup: 'babies',
		choices,
		...over
	}) satisfies ProposalFile;

const cap = (babies: number, toddlers = 0, older = 0) => ({ babies, toddlers, older });

const outcomes = (p: ReturnType<typeof computeProposal>) =>
	Object.fromEntries(p.decisions.map((d) => [d.number, d.structureId ?? d.outcome]));

describe('the proposal', () => {
	it('gives the best scores their best-ranked choice; a full first choice falls to the second', () => {
		const capacity: Capacity = { A: cap(1), B: cap(1) };
		const p = computeProposal(
			[file(1, 5, ['A', 'B']), file(2, 9, ['A']), file(3, 7, ['A', 'B'])],
			capacity
		);
		expect(outcomes(p)).toEqual({ 2: 'A', 3: 'B', 1: 'waitlist' });
		expect(p.decisions.map((d) => d.order)).toEqual([1, 2, 3]);
		expect(p.decisions.find((d) => d.number === 3)?.choiceRank).toBe(2);
		expect(p.placesLeft).toEqual({ A: cap(0), B: cap(0) });
		// The input's places are not consumed.
		expect(capacity.A!.babies).toBe(1);
	});

	it('breaks ties by the request date, then by the number', () => {
		const p = computeProposal(
			[
				file(3, 4, ['A'], { submittedAt: '2026-09-01T08:00:00.000Z' }),
				file(1, 4, ['A'], { submittedAt: '2026-09-02T08:00:00.000Z' }),
				file(2, 4, ['A'], { submittedAt: '2026-09-01T08:00:00.000Z' })
			],
			{ A: cap(1) }
		);
		expect(p.decisions.map((d) => d.number)).toEqual([2, 3, 1]);
		expect(outcomes(p)).toEqual({ 2: 'A', 3: 'waitlist', 1: 'waitlist' });
		expect(p.waitlist).toEqual([
			{ structureId: 'A', ageGroup: 'babies', requestId: 'r3', rank: 1 },
			{ structureId: 'A', ageGroup: 'babies', requestId: 'r1', rank: 2 }
		]);
	});

	it('a place of one age group only goes to a child of that age group', () => {
		const p = computeProposal(
			[file(1, 9, ['A'], { ageGroup: 'older' }), file(2, 1, ['A'], { ageGroup: 'babies' })],
			{ A: cap(1, 0, 0) }
		);
		expect(outcomes(p)).toEqual({ 1: 'waitlist', 2: 'A' });
		expect(p.waitlist).toEqual([{ structureId: 'A', ageGroup: 'older', requestId: 'r1', rank: 1 }]);
	});

	it('when places run out everyone else waits, ranked on each structure they chose', () => {
		const p = computeProposal(
			[file(1, 9, ['A', 'B']), file(2, 8, ['B', 'A']), file(3, 7, ['B']), file(4, 6, ['A'])],
			{ A: cap(1), B: cap(0) }
		);
		expect(outcomes(p)).toEqual({ 1: 'A', 2: 'waitlist', 3: 'waitlist', 4: 'waitlist' });
		const rank = (sid: string) =>
			p.waitlist.filter((w) => w.structureId === sid).map((w) => [w.requestId, w.rank]);
		expect(rank('A')).toEqual([
			['r2', 1],
			['r4', 2]
		]);
		expect(rank('B')).toEqual([
			['r2', 1],
			['r3', 2]
		]);
	});

	it('the same input, in any order, gives the same result', () => {
		const files = Array.from({ length: 40 }, (_, i) =>
			file(i + 1, (i * 7) % 5, [`S${i % 3}`, `S${(i + 1) % 3}`], {
				ageGroup: (['babies', 'toddlers', 'older'] as const)[i % 3]!,
				submittedAt: `2026-0${1 + (i % 9)}-01T00:00:00.000Z`
			})
		);
		const capacity: Capacity = { S0: cap(2, 1, 1), S1: cap(1, 2, 0), S2: cap(0, 1, 3) };
		const first = computeProposal(files, capacity);
		const reversed = computeProposal([...files].reverse(), capacity);
		const shuffled = computeProposal(
			[...files].sort((a, b) => ((a.number * 13) % 17) - ((b.number * 13) % 17)),
			capacity
		);
		expect(reversed).toEqual(first);
		expect(shuffled).toEqual(first);
		expect(first.decisions.some((d) => d.outcome === 'offer')).toBe(true);
		// Never more offers than places, in any structure or age group.
		for (const [sid, groups] of Object.entries(first.placesLeft))
			for (const [group, n] of Object.entries(groups)) {
				const offered = first.decisions.filter(
					(d) => d.outcome === 'offer' && d.structureId === sid && d.ageGroup === group
				).length;
				expect(n).toBeGreaterThanOrEqual(0);
				expect(offered + n).toBe(capacity[sid]![group as 'babies']);
			}
	});
});

describe('agents’ adjustments', () => {
	const files = [file(1, 9, ['A']), file(2, 8, ['A', 'B']), file(3, 1, ['A'])];
	const capacity: Capacity = { A: cap(1), B: cap(1) };

	it('an assignment takes its place first; the others are decided around it', () => {
		const p = computeProposal(files, capacity, [
			{ requestId: 'r3', kind: 'assign', structureId: 'A', reason: 'Urgence sociale' }
		]);
		expect(outcomes(p)).toEqual({ 1: 'waitlist', 2: 'B', 3: 'A' });
		expect(p.decisions.find((d) => d.number === 3)).toMatchObject({
			manual: true,
			reason: 'Urgence sociale'
		});
	});

	it('a swap is two assignments; hold and refuse take a file out of the places', () => {
		const p = computeProposal(files, capacity, [
			{ requestId: 'r1', kind: 'assign', structureId: 'B', reason: 'Échange' },
			{ requestId: 'r2', kind: 'hold', reason: 'Dossier à revoir' },
			{ requestId: 'r3', kind: 'refuse', reason: 'Hors territoire' }
		]);
		expect(outcomes(p)).toEqual({ 1: 'B', 2: 'hold', 3: 'refuse' });
		expect(p.placesLeft.A!.babies).toBe(1);
		expect(p.waitlist).toEqual([]);
	});

	it('an assignment without a place left is refused with a French reason', () => {
		const names = { structure: 'Les Lutins', group: 'Bébés' };
		const taken = [{ requestId: 'r3', kind: 'assign' as const, structureId: 'A', reason: 'x' }];
		expect(assignProblem(files, capacity, taken, { ...taken[0]!, requestId: 'r1' }, names)).toBe(
			'Plus aucune place en section Bébés à « Les Lutins » pour cette commission : libérez-en une d’abord.'
		);
		expect(
			assignProblem(
				files,
				capacity,
				taken,
				{ ...taken[0]!, requestId: 'r1', structureId: 'B' },
				names
			)
		).toBeNull();
		// Re-assigning the same file elsewhere frees its own place.
		expect(assignProblem(files, capacity, taken, taken[0]!, names)).toBeNull();
	});
});
