import { describe, expect, it } from 'vitest';
import { actionBody, missingField } from './request-file.svelte';

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
