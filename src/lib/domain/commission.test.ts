import { describe, expect, it } from 'vitest';
import { examinedBySession, nextCommission } from './commission';

const at = (iso: string) => new Date(iso);

describe('the next allocation commission (mars, juin, septembre, décembre)', () => {
	it('is the first commission month after the month of the request', () => {
		expect(nextCommission(at('2026-11-26T10:00:00Z')).label).toBe('décembre 2026');
		expect(nextCommission(at('2027-01-15T10:00:00Z')).label).toBe('mars 2027');
		expect(nextCommission(at('2027-04-30T10:00:00Z')).label).toBe('juin 2027');
	});

	it('goes to the next session when filed during a commission month, and past the year end', () => {
		expect(nextCommission(at('2027-03-02T10:00:00Z')).label).toBe('juin 2027');
		expect(nextCommission(at('2026-12-10T10:00:00Z'))).toEqual({
			year: 2027,
			month: 3,
			label: 'mars 2027'
		});
	});

	it('counts months in Paris time (31 May 23:30 UTC is already June in Paris)', () => {
		expect(nextCommission(at('2027-05-31T23:30:00Z')).label).toBe('septembre 2027');
	});

	it('follows the months the service sets', () => {
		expect(nextCommission(at('2027-02-01T10:00:00Z'), [10, 4]).label).toBe('avril 2027');
	});
});

describe('which requests a session examines', () => {
	const session = { date: '2027-03-15', periodStart: '2027-04-01', periodEnd: '2027-06-30' };
	it('an entry date in its period, or already past on its day', () => {
		expect(examinedBySession('2027-04-01', session)).toBe(true);
		expect(examinedBySession('2027-06-30', session)).toBe(true);
		expect(examinedBySession('2027-01-10', session)).toBe(true);
		// Between the session and its period: the previous session's period; after it: a later one.
		expect(examinedBySession('2027-03-20', session)).toBe(false);
		expect(examinedBySession('2027-07-01', session)).toBe(false);
	});
});
