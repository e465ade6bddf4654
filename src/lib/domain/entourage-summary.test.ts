// The review rows of a household declaration and the state shown next to a declared member.
import { describe, expect, it } from 'vitest';
import { memberName, memberStateLabel, memberState, summaryRows } from './entourage-summary';

describe('review of a household declaration', () => {
	it('lists each member with the guide’s labels and French dates', () => {
		const rows = summaryRows(
			{
				members: [
					{
						role: 'child',
						lastName: 'Martin',
						firstNames: 'Léa',
						birthDate: '2024-03-02',
						pieceIds: ['piece:a']
					},
					{
						role: 'contact',
						lastName: 'Durand',
						firstNames: 'Mireille',
						phone: '06 12 34 56 78',
						relationship: 'Grand-parent'
					}
				]
			},
			{ pieceLabel: (id) => (id === 'piece:a' ? 'Acte de naissance' : undefined) }
		);
		expect(rows).toEqual([
			{ label: 'Membre 1', value: 'Léa MARTIN' },
			{ label: 'Type de membre', value: 'Membre foyer (enfant)' },
			{ label: 'Nom', value: 'Martin' },
			{ label: 'Prénom(s)', value: 'Léa' },
			{ label: 'Date de naissance', value: '02/03/2024' },
			{ label: 'Pièces jointes', value: 'Acte de naissance' },
			{ label: 'Membre 2', value: 'Mireille DURAND' },
			{ label: 'Type de membre', value: 'Contact (personne autorisée)' },
			{ label: 'Nom', value: 'Durand' },
			{ label: 'Prénom(s)', value: 'Mireille' },
			{ label: 'Lien avec l’enfant', value: 'Grand-parent' },
			{ label: 'Téléphone', value: '06 12 34 56 78' },
			{ label: 'Pièces jointes', value: 'Aucune' }
		]);
	});

	it('a child to be born shows its expected birth date and a name without first name', () => {
		const member = {
			role: 'child',
			lastName: 'Martin',
			toBeBorn: true,
			expectedBirthDate: '2027-01-15'
		};
		expect(memberName(member)).toBe('Enfant à naître MARTIN');
		expect(summaryRows({ members: [member] })).toContainEqual({
			label: 'Date de naissance prévue',
			value: '15/01/2027'
		});
		expect(summaryRows({ members: [member] })).toContainEqual({
			label: 'Enfant à naître',
			value: 'Oui'
		});
	});

	it('a co-representative shows civility and contact; an empty declaration says so', () => {
		expect(
			summaryRows({
				members: [
					{
						role: 'coRepresentative',
						civility: 'Monsieur',
						lastName: 'Martin',
						firstNames: 'Paul',
						email: 'paul@exemple.fr'
					}
				]
			}).slice(0, 3)
		).toEqual([
			{ label: 'Membre 1', value: 'Paul MARTIN' },
			{ label: 'Type de membre', value: 'Co-représentant (parent)' },
			{ label: 'Civilité', value: 'Monsieur' }
		]);
		expect(summaryRows({})).toEqual([{ label: 'Membres', value: 'Aucun membre déclaré' }]);
	});

	it('states: awaiting send until numbered, then the service’s decision', () => {
		expect(memberState('Déposée')).toBe('pending');
		expect(memberState('En cours d’instruction')).toBe('pending');
		expect(memberState('Complète')).toBe('validated');
		expect(memberState('Refusée')).toBe('refused');
		expect(memberState('Classée sans suite')).toBeNull();
		// The service's decision on the member comes first (household file, issue 9).
		expect(memberState('Déposée', { decision: 'validated' })).toBe('validated');
		expect(memberState('En cours d’instruction', { decision: 'refused' })).toBe('refused');
		expect(memberState('Complète', { decision: 'refused' })).toBe('refused');
		expect(memberState('Classée sans suite', { decision: 'validated' })).toBe('validated');
		expect(memberState('Pièces demandées', { decision: 'pending' })).toBe('pending');
		expect(memberState('Complète', null)).toBe('validated');
		expect(memberStateLabel({ state: 'pending', requestNumber: null })).toBe('En attente d’envoi');
		expect(memberStateLabel({ state: 'pending', requestNumber: 12 })).toBe(
			'En attente de validation'
		);
		expect(memberStateLabel({ state: 'validated', requestNumber: 12 })).toBe('Validé');
		expect(memberStateLabel({ state: 'refused', requestNumber: 12 })).toBe('Refusé');
	});
});
