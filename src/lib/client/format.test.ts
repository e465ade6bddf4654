import { describe, expect, it } from 'vitest';
import { formatWait, greeting, lastLoginLine } from './format';

describe('format', () => {
	it('omits the last sign-in line on a first sign-in, else gives its Paris time', () => {
		expect(lastLoginLine(null)).toBeNull();
		expect(lastLoginLine('2021-11-04T10:20:00Z')).toBe('Dernière connexion le 04/11/2021 à 11:20');
		expect(lastLoginLine('2021-07-01T22:05:00Z')).toBe('Dernière connexion le 02/07/2021 à 00:05');
	});

	it('greets with civility and the last name in capitals', () => {
		expect(greeting({ civility: 'Madame', lastName: 'Lefèvre', firstNames: 'Ana' })).toBe(
			'Bonjour Madame LEFÈVRE.'
		);
	});

	it('says how long to wait', () => {
		expect(formatWait(30)).toBe('30 secondes');
		expect(formatWait(61)).toBe('2 minutes');
		expect(formatWait(60)).toBe('1 minute');
	});
});
