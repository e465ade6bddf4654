import { describe, expect, it } from 'vitest';
import {
	CHILD_NOT_DECLARED,
	ENTRY_BEFORE_BIRTH,
	ENTRY_DATE_PAST,
	PIECE_NOT_IN_HOUSEHOLD,
	declaredChildren,
	householdProblems,
	referenceDay
} from './preinscription-rules';

const LEA = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const BABY = '1b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a91';
const PIECE = 'piece:2b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a92';
const facts = {
	children: [
		{ id: LEA, birthDate: '2025-01-02' },
		{ id: BABY, toBeBorn: true, expectedBirthDate: '2027-02-10' }
	],
	pieceIds: [PIECE],
	today: '2026-11-26'
};

describe('pre-registration rules that depend on the household', () => {
	it('accepts a declared child, a future date and the household’s pieces', () => {
		expect(
			householdProblems({ childId: LEA, wishedStartDate: '2026-11-26', pieceIds: [PIECE] }, facts)
		).toEqual({});
	});

	it('refuses a child not declared in a submitted declaration of the household', () => {
		expect(householdProblems({ childId: 'someone-else' }, facts)).toEqual({
			childId: CHILD_NOT_DECLARED
		});
	});

	it('refuses a past entry date', () => {
		expect(householdProblems({ childId: LEA, wishedStartDate: '2026-11-25' }, facts)).toEqual({
			wishedStartDate: ENTRY_DATE_PAST
		});
	});

	it('wants a child to be born to enter after the expected birth date', () => {
		expect(householdProblems({ childId: BABY, wishedStartDate: '2027-02-10' }, facts)).toEqual({
			wishedStartDate: ENTRY_BEFORE_BIRTH
		});
		expect(householdProblems({ childId: BABY, wishedStartDate: '2027-05-01' }, facts)).toEqual({});
	});

	it('refuses a piece that is not the household’s', () => {
		expect(
			householdProblems({ pieceIds: [PIECE, 'piece:9b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a99'] }, facts)
		).toEqual({ pieceIds: PIECE_NOT_IN_HOUSEHOLD });
	});

	it('checks the date against the day the parent validated, within a month', () => {
		const now = new Date('2026-11-26T10:00:00Z');
		expect(referenceDay('2026-11-20T22:30:00Z', now)).toBe('2026-11-20');
		expect(referenceDay('2026-09-01T10:00:00Z', now)).toBe('2026-11-26');
		expect(referenceDay('2027-01-01T10:00:00Z', now)).toBe('2026-11-26');
		expect(referenceDay(undefined, now)).toBe('2026-11-26');
	});

	it('finds children only in submitted declarations', () => {
		expect(
			declaredChildren([
				{
					state: 'submitted',
					members: [
						{ id: LEA, role: 'child' },
						{ id: 'p', role: 'contact' }
					]
				},
				{ state: 'draft', members: [{ id: BABY, role: 'child' }] }
			]).map((c) => c.id)
		).toEqual([LEA]);
	});
});
