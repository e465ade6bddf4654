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

	it("refuses a password built on the person's own names, whatever surrounds them", () => {
		const inputs = ['Alice', 'Testeuse', 'alice.testeuse@exemple.fr', 'alice.t'];
		for (const p of ['Alice-Testeuse-1', 'Testeuse#2026', 'TESTÉUSE-Bleue-17']) {
			expect(assessStrength(p, inputs).score, p).toBeLessThan(MIN_SCORE);
			expect(strengthRefusal(assessStrength(p, inputs)), p).toMatch(/données personnelles/);
		}
		expect(strengthRefusal(assessStrength('Girafe-Bleue-17', inputs))).toBeNull();
		// The e-mail's domain is not the person's: "exemple" may appear.
		expect(strengthRefusal(assessStrength('Girafe-Exemple-17', inputs))).toBeNull();
	});

	it('accepts passphrases and random-looking passwords', () => {
		for (const p of ['Girafe-Bleue-17', 'Tr3s-Bon-Secret', 'Nouveau-Secret-9'])
			expect(strengthRefusal(assessStrength(p)), p).toBeNull();
	});
});
