// What the wizard stores for a member: the fields of its kind, filled in, nothing else.
import { describe, expect, it } from 'vitest';
import { clean, fill } from './member-form';

describe('member form ↔ stored member', () => {
	it('a child to be born keeps its expected date, not a birth date typed before ticking the box', () => {
		const form = fill({ id: 'm1', role: 'child', lastName: ' Martin ', birthDate: '2024-01-01' });
		form.toBeBorn = true;
		form.expectedBirthDate = '2027-01-15';
		expect(clean(form)).toEqual({
			id: 'm1',
			role: 'child',
			toBeBorn: true,
			lastName: 'Martin',
			expectedBirthDate: '2027-01-15'
		});
	});

	it('a contact keeps its link and phone, drops a civility and empty fields; pieces kept', () => {
		const form = fill({
			id: 'm2',
			role: 'contact',
			civility: 'Madame',
			email: '',
			pieceIds: ['piece:x']
		});
		form.phone = '0612345678';
		form.relationship = 'Grand-parent';
		expect(clean(form)).toEqual({
			id: 'm2',
			role: 'contact',
			phone: '0612345678',
			relationship: 'Grand-parent',
			pieceIds: ['piece:x']
		});
	});

	it('a member with no kind yet is only its id; an unknown stored kind reads as none', () => {
		expect(clean(fill({ id: 'm3', role: 'cousin', lastName: 'X' }))).toEqual({ id: 'm3' });
		expect(fill({ id: 'm4' })).toMatchObject({
			role: '',
			lastName: '',
			toBeBorn: false,
			pieceIds: []
		});
	});
});
