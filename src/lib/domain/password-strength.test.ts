import { describe, expect, it } from 'vitest';
import { MIN_SCORE, strengthRefusal } from './password-strength';
import { assessStrength } from './password-strength-checker';

describe('password strength (zxcvbn-ts, French and common dictionaries)', () => {
	it('refuses common passwords whatever the decoration, with French feedback', () => {
		for (const p of ['Azerty123!', 'P@ssw0rd!', 'Motdepasse1', 'Xx-123456']) {
			const refusal = strengthRefusal(assessStrength(p));
			expect(refusal, p).toMatch(/^Ce mot de passe est trop facile à deviner\./);
		}
		expect(strengthRefusal(assessStrength('Azerty123!'))).toMatch(
			/Ajoutez des mots moins courants/
		);
	});

	it('uses what the user typed elsewhere (names, e-mail, username) as a dictionary', () => {
		expect(assessStrength('Dupontel-2024', ['dupontel']).score).toBeLessThan(MIN_SCORE);
		expect(strengthRefusal(assessStrength('Dupontel-2024', ['dupontel']))).toMatch(
			/données personnelles/
		);
	});

	it('accepts passphrases and random-looking passwords', () => {
		for (const p of ['Girafe-Bleue-17', 'Tr3s-Bon-Secret', 'Nouveau-Secret-9'])
			expect(strengthRefusal(assessStrength(p)), p).toBeNull();
	});
});
