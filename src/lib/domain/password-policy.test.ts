import { describe, expect, it } from 'vitest';
import {
	checkPassword,
	countKinds,
	describePasswordPolicy,
	isCommonPassword
} from './password-policy';

describe('password policy (CNIL 2022-100 with restriction)', () => {
	it('asks 8 characters of 3 of the 4 kinds', () => {
		expect(checkPassword('abcdefg1')).toMatch(/au minimum 8 caractères/);
		expect(checkPassword('Ab1-')).toMatch(/au minimum 8 caractères/);
		expect(checkPassword('Vélo-Rouge9')).toBeNull();
		expect(countKinds('aB3!')).toBe(4);
	});

	it('refuses very common passwords whatever the decoration', () => {
		for (const p of [
			'Azerty123!',
			'P@ssw0rd!',
			'Motdepasse1',
			'Soleil2024!',
			'12345678Aa'.replace('Aa', '') + 'A!'
		])
			expect(isCommonPassword(p)).toBe(true);
		expect(isCommonPassword('Girafe-Bleue-17')).toBe(false);
	});

	it('refuses a password built on the username or name', () => {
		expect(checkPassword('Dupontel-2024', ['dupontel'])).toMatch(/trop proche/);
	});

	it('states the rule in French', () => {
		expect(describePasswordPolicy()).toMatch(
			/^Le mot de passe doit contenir au minimum 8 caractères/
		);
	});
});
