import { describe, expect, it } from 'vitest';
import { checkPassword, countKinds, describePasswordPolicy } from './password-policy';

describe('password policy (CNIL 2022-100 with restriction): the floor', () => {
	it('asks 8 characters of 3 of the 4 kinds', () => {
		expect(checkPassword('abcdefg1')).toMatch(/au minimum 8 caractères/);
		expect(checkPassword('Ab1-')).toMatch(/au minimum 8 caractères/);
		expect(checkPassword('Vélo-Rouge9')).toBeNull();
		expect(countKinds('aB3!')).toBe(4);
	});

	it('caps the length', () => {
		expect(checkPassword('Aa1-'.repeat(33))).toMatch(/ne peut pas dépasser 128/);
	});

	it('states the rule in French', () => {
		expect(describePasswordPolicy()).toMatch(
			/^Le mot de passe doit contenir au minimum 8 caractères.*trop faciles à deviner/
		);
	});
});
