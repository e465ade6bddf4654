// The declared household: members of submitted declarations with their request's state.
import { describe, expect, it } from 'vitest';
import type { EntourageDocument } from './entourage.service';
import { declaredMembers, selectableChildren } from './household';
import type { RequestStatusDoc } from './service-docs.service';

const child = {
	id: 'c1',
	role: 'child',
	lastName: 'Martin',
	firstNames: 'Léa',
	birthDate: '2024-03-02'
};
const unborn = {
	id: 'c2',
	role: 'child',
	lastName: 'Martin',
	toBeBorn: true,
	expectedBirthDate: '2027-01-15'
};
const contact = {
	id: 'k1',
	role: 'contact',
	lastName: 'Durand',
	firstNames: 'Mireille',
	phone: '0612345678',
	relationship: 'Grand-parent'
};
const doc = (id: string, state: string, members: unknown[]) =>
	({ _id: id, type: 'entourage', state, members }) as unknown as EntourageDocument;
const status = (subject: string, s: string, requestNumber = 7, reason?: string) =>
	({
		_id: `svc:status:${subject}`,
		type: 'status',
		subjectId: subject,
		subjectType: 'entourage',
		requestNumber,
		status: s,
		history: [{ status: s, at: '2026-11-26T10:00:00.000Z' }],
		...(reason ? { reason } : {})
	}) as RequestStatusDoc;

describe('declaredMembers', () => {
	it('keeps members of submitted declarations only; not numbered yet = pending, no number', () => {
		const members = declaredMembers([
			doc('entourage:a', 'draft', [contact]),
			doc('entourage:b', 'submitted', [child, unborn])
		]);
		expect(members).toEqual([
			{
				id: 'c1',
				role: 'child',
				firstNames: 'Léa',
				lastName: 'Martin',
				birthDate: '2024-03-02',
				requestId: 'entourage:b',
				state: 'pending',
				requestNumber: null
			},
			{
				id: 'c2',
				role: 'child',
				firstNames: '',
				lastName: 'Martin',
				toBeBorn: true,
				expectedBirthDate: '2027-01-15',
				requestId: 'entourage:b',
				state: 'pending',
				requestNumber: null
			}
		]);
	});

	it('takes the state, number and reason from the request’s svc:status; a cancelled one is left out', () => {
		const docs = [
			doc('entourage:a', 'submitted', [contact]),
			doc('entourage:b', 'submitted', [child]),
			doc('entourage:c', 'submitted', [unborn]),
			doc('entourage:d', 'submitted', [{ ...child, id: 'c3' }])
		];
		const members = declaredMembers(docs, [
			status('entourage:a', 'Complète', 3),
			status('entourage:b', 'Refusée', 4, 'Pièce illisible.'),
			status('entourage:c', 'En cours d’instruction', 5),
			status('entourage:d', 'Classée sans suite', 6)
		]);
		expect(members.map((m) => [m.id, m.state, m.requestNumber, m.reason])).toEqual([
			['k1', 'validated', 3, undefined],
			['c1', 'refused', 4, 'Pièce illisible.'],
			['c2', 'pending', 5, undefined]
		]);
		expect(members[0]).toMatchObject({ relationship: 'Grand-parent' });
	});

	it('the service’s decision on each member comes first: « Validé » / « Refusé » with its reason', () => {
		const decided = {
			...status('entourage:b', 'En cours d’instruction', 8),
			members: {
				c1: { decision: 'validated' },
				c2: { decision: 'refused', reason: 'Certificat de grossesse manquant.' },
				k1: { decision: 'pending' }
			}
		} as RequestStatusDoc;
		const members = declaredMembers(
			[doc('entourage:b', 'submitted', [child, unborn, contact])],
			[decided]
		);
		expect(members.map((m) => [m.id, m.state, m.reason])).toEqual([
			['c1', 'validated', undefined],
			['c2', 'refused', 'Certificat de grossesse manquant.'],
			['k1', 'pending', undefined]
		]);
		// A validated child stays in the household file even if the declaration is later closed.
		const closed = { ...decided, status: 'Classée sans suite' } as RequestStatusDoc;
		expect(
			declaredMembers([doc('entourage:b', 'submitted', [child, unborn, contact])], [closed]).map(
				(m) => [m.id, m.state]
			)
		).toEqual([
			['c1', 'validated'],
			['c2', 'refused']
		]);
	});

	it('the pre-registration offers validated and pending children, not a refused one', () => {
		const decided = {
			...status('entourage:b', 'En cours d’instruction', 8),
			members: { c1: { decision: 'validated' }, c2: { decision: 'refused', reason: 'Non.' } }
		} as RequestStatusDoc;
		const members = declaredMembers(
			[
				doc('entourage:b', 'submitted', [child, unborn, contact]),
				doc('entourage:e', 'submitted', [{ ...child, id: 'c4' }])
			],
			[decided]
		);
		expect(selectableChildren(members).map((m) => [m.id, m.state])).toEqual([
			['c1', 'validated'],
			['c4', 'pending']
		]);
	});
});
