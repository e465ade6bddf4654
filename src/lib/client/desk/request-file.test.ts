import { afterEach, describe, expect, it, vi } from 'vitest';
import { deskApi } from './api';
import { actionBody, missingField, RequestFile } from './request-file.svelte';
import type { DeclaredMember, RequestDetail } from './types';

describe('an agent’s action before it is sent', () => {
	it('asks for the missing pieces in words, and for the reason of a refusal', () => {
		expect(missingField('ask-pieces', { message: '  ' })).toBe(
			'Dites à la famille quelles pièces manquent.'
		);
		expect(missingField('refuse', {})).toBe('Le motif du refus est obligatoire.');
		expect(missingField('ask-pieces', { message: 'Justificatif de domicile' })).toBeNull();
		expect(missingField('take', {})).toBeNull();
		expect(missingField('close', {})).toBeNull();
	});

	it('sends the version read (a stale one gets 409) and only the fields the action takes', () => {
		expect(
			actionBody('take', { comment: ' vu ', message: 'ignored', reason: 'ignored' }, 3)
		).toEqual({ action: 'take', version: 3, comment: 'vu' });
		expect(actionBody('ask-pieces', { message: ' Avis CAF ', comment: '' }, 4)).toEqual({
			action: 'ask-pieces',
			version: 4,
			message: 'Avis CAF'
		});
		expect(actionBody('refuse', { reason: 'Hors commune' }, 5)).toMatchObject({
			reason: 'Hors commune'
		});
	});
});

const member = (over: Partial<DeclaredMember> = {}): DeclaredMember => ({
	id: 'm1',
	role: 'contact',
	civility: null,
	lastName: 'Exemple',
	firstNames: 'Mamie',
	birthDate: null,
	toBeBorn: false,
	rows: [{ label: 'Type de membre', value: 'Contact' }],
	decision: 'pending',
	reason: null,
	decidedBy: null,
	decidedAt: null,
	...over
});

describe('a decision on a declared member', () => {
	afterEach(() => vi.restoreAllMocks());

	it('shows the members API’s answer as is: the same members a reload would show', async () => {
		const file = new RequestFile(7);
		file.detail = { family: { members: [member()] } } as unknown as RequestDetail;
		const answer = [
			member({
				decision: 'refused',
				reason: 'Téléphone injoignable.',
				decidedBy: 'Agnès Instructrice',
				decidedAt: '2026-11-26T09:00:00.000Z',
				rows: [{ label: 'Lien avec l’enfant', value: 'Grand-mère' }]
			}),
			member({ id: 'm2', firstNames: 'Léa', role: 'child' })
		];
		const spy = vi
			.spyOn(deskApi, 'decideMember')
			.mockResolvedValue({ ok: true, status: 200, data: { members: answer } });
		expect(await file.decideMember(member(), 'refused', 'Téléphone injoignable.')).toBeNull();
		expect(spy).toHaveBeenCalledWith(7, 'm1', 'refused', 'Téléphone injoignable.');
		expect(file.detail!.family.members).toEqual(answer);
	});
});
