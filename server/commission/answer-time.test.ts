// Which answers to a place offered count (S-PROJ-8), at the boundaries: the deadline is on the
// server's clock; an answer written on the device by the deadline still counts if it arrives
// within OFFER_GRACE_HOURS after it.
import { describe, expect, it } from 'vitest';
import { OFFER_GRACE_HOURS } from '../../src/lib/domain/commission';
import { answerInTime } from './answers';

const deadline = Date.UTC(2027, 3, 1, 22, 0, 0);
const grace = OFFER_GRACE_HOURS * 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

describe('S-PROJ-8 answerInTime', () => {
	it('arriving by the deadline counts, whatever the device clock says', () => {
		expect(answerInTime(deadline, deadline, iso(deadline + 5 * grace))).toBe(true);
		expect(answerInTime(deadline, deadline - 1, 'pas une date')).toBe(true);
	});

	it('arriving late counts only if written by the deadline and arriving within the grace', () => {
		expect(answerInTime(deadline, deadline + grace, iso(deadline))).toBe(true);
		expect(answerInTime(deadline, deadline + 1, iso(deadline + 1))).toBe(false);
		expect(answerInTime(deadline, deadline + grace + 1, iso(deadline - 1))).toBe(false);
		expect(answerInTime(deadline, deadline + 1, 'pas une date')).toBe(false);
	});
});
