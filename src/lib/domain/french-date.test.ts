import { describe, expect, it } from 'vitest';
import {
	frenchDate,
	frenchDateTime,
	frenchLongDateTime,
	frenchTime,
	frenchLongDay,
	frenchMonth
} from './french-date';

describe('French dates in Paris time, whatever the machine’s time zone', () => {
	it('shows winter and summer instants at the Paris wall-clock time', () => {
		expect(frenchDateTime('2021-11-04T10:20:00Z')).toBe('04/11/2021 à 11:20');
		expect(frenchDateTime('2026-07-01T08:05:00Z')).toBe('01/07/2026 à 10:05');
	});

	it('moves to the next day after midnight in Paris, with a 00 hour', () => {
		expect(frenchDateTime('2021-07-01T22:05:00Z')).toBe('02/07/2021 à 00:05');
		expect(frenchDate('2021-12-31T23:30:00Z')).toBe('01/01/2022');
		expect(frenchTime(new Date('2021-12-31T23:30:00Z'))).toBe('00:30');
	});

	it('accepts a Date, milliseconds or an ISO string alike', () => {
		const iso = '2026-03-15T13:45:00Z';
		const expected = '15/03/2026 à 14:45';
		expect(frenchDateTime(iso)).toBe(expected);
		expect(frenchDateTime(Date.parse(iso))).toBe(expected);
		expect(frenchDateTime(new Date(iso))).toBe(expected);
	});

	it('spells the month out for mails: "4 novembre 2021 à 11:20"', () => {
		expect(frenchLongDateTime('2021-11-04T10:20:00Z')).toBe('4 novembre 2021 à 11:20');
		expect(frenchLongDateTime('2026-08-01T06:00:00Z')).toBe('1 août 2026 à 08:00');
	});

	it('shows nothing rather than "Invalid Date" for an unreadable value', () => {
		expect(frenchDateTime('pas une date')).toBe('');
		expect(frenchDate(Number.NaN)).toBe('');
		expect(frenchTime('')).toBe('');
		expect(frenchLongDateTime('2026-13-45')).toBe('');
	});
});

describe('frenchLongDay', () => {
	it('writes a calendar day in words, the same day whatever the season', () => {
		expect(frenchLongDay('2021-11-03')).toBe('3 novembre 2021');
		expect(frenchLongDay('2026-07-01')).toBe('1er juillet 2026');
		expect(frenchLongDay('03/11/2021')).toBe('');
	});
});

describe('frenchMonth', () => {
	it('names a month in words, nothing for what is not a month', () => {
		expect(frenchMonth('2027-03')).toBe('mars 2027');
		expect(frenchMonth('2026-07')).toBe('juillet 2026');
		expect(frenchMonth('2026-12')).toBe('décembre 2026');
		expect(frenchMonth('2026-13')).toBe('');
		expect(frenchMonth('mars')).toBe('');
	});
});
