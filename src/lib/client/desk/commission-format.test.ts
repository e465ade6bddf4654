import { describe, expect, it } from 'vitest';
import {
	decisionText,
	periodText,
	placesChanges,
	placesLeftText,
	sessionStateLabel
} from './commission-format';
import type { Decision, PlacesLeft } from './commission-types';

const row = (name: string, babies: number, capBabies: number): PlacesLeft => ({
	structureId: name.toLowerCase(),
	name,
	babies,
	toddlers: 0,
	older: 1,
	capacity: { babies: capBabies, toddlers: 0, older: 1 }
});

const decision = (over: Partial<Decision>): Decision => ({
	requestId: 'r1',
	number: 12,
	order: 1,
	outcome: 'offer',
	structureId: 'lilas',
	structureName: 'Les Lilas',
	ageGroup: 'babies',
	choiceRank: 1,
	manual: false,
	reason: null,
	...over
});

describe('commission screens wording', () => {
	it('names the session states in French', () => {
		expect(sessionStateLabel('planned')).toBe('Planifiée');
		expect(sessionStateLabel('closed')).toBe('Close');
	});

	it('writes an entry period as two long French days', () => {
		expect(periodText('2027-04-01', '2027-06-30')).toBe('du 1er avril 2027 au 30 juin 2027');
	});

	it('says how many places are left out of the capacity, and when none is', () => {
		expect(placesLeftText(2, 3)).toBe('2 places restantes sur 3');
		expect(placesLeftText(1, 2)).toBe('1 place restante sur 2');
		expect(placesLeftText(0, 2)).toBe('Complet (2 places attribuées)');
		expect(placesLeftText(0, 0)).toBe('Aucune place');
	});

	it('announces only the places that changed after an adjustment', () => {
		const before = [row('Lilas', 1, 2), row('Roses', 2, 2)];
		const after = [row('Lilas', 0, 2), row('Roses', 2, 2)];
		expect(placesChanges(before, after)).toBe(
			'Places restantes mises à jour : Lilas, Bébés : Complet (2 places attribuées).'
		);
		expect(placesChanges(after, after)).toBe('');
		expect(placesChanges([], after)).toBe('');
	});

	it('describes each decision of the proposal, manual ones with their reason', () => {
		expect(decisionText(decision({}))).toBe('Place proposée : Les Lilas (choix 1)');
		expect(decisionText(decision({ choiceRank: null, manual: true, reason: 'Fratrie' }))).toBe(
			'Place proposée : Les Lilas (hors choix) — ajustement : Fratrie'
		);
		expect(decisionText(decision({ outcome: 'waitlist', structureId: null }))).toBe(
			'Liste d’attente'
		);
		expect(
			decisionText(decision({ outcome: 'refuse', manual: true, reason: 'Hors commune' }))
		).toBe('Refus — ajustement : Hors commune');
		expect(
			decisionText(decision({ outcome: 'hold', manual: true, reason: 'Dossier à revoir' }))
		).toBe('Non examinée à cette commission — ajustement : Dossier à revoir');
	});
});
