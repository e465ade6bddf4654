import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './validation';
import { StructureInput, splitCapacity, structureLabel, totalPlaces } from './structures';

describe('structures', () => {
	it('labels a structure as the guide does', () => {
		expect(structureLabel('Cocon de Soie')).toBe(
			"Accueil Petite enfance - EAJE Cocon de Soie - Liste d'attente"
		);
	});

	it('a first split into age groups keeps every place', () => {
		for (const total of [0, 1, 18, 24, 30, 61]) {
			const c = splitCapacity(total);
			expect(totalPlaces(c)).toBe(total);
			expect(Object.values(c).every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
		}
		expect(splitCapacity(24)).toEqual({ babies: 6, toddlers: 9, older: 9 });
	});

	it('the admins’ form: French message per field', () => {
		const ok = v.parse(StructureInput, {
			name: ' Les Cèdres ',
			commune: '',
			capacities: { babies: 6, toddlers: 9, older: 9 },
			active: false
		});
		expect(ok).toEqual({
			name: 'Les Cèdres',
			commune: undefined,
			capacities: { babies: 6, toddlers: 9, older: 9 },
			active: false
		});
		const bad = v.safeParse(StructureInput, {
			name: '',
			capacities: { babies: -1, toddlers: 2.5, older: 500 },
			active: true
		});
		expect(bad.success || fieldErrors(bad.issues)).toEqual({
			name: 'Le champ « Nom » est obligatoire.',
			'capacities.babies': 'Le champ « Places Bébés » ne peut pas être négatif.',
			'capacities.toddlers': 'Le champ « Places Moyens » doit être un nombre entier de places.',
			'capacities.older': 'Le champ « Places Grands » ne peut pas dépasser 200 places.'
		});
	});
});
