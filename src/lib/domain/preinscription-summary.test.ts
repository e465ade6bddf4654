import { describe, expect, it } from 'vitest';
import { summaryRows } from './preinscription-summary';

describe('the review of a pre-registration', () => {
	it('lists child, date, choices in order, observations, pieces and answers in French', () => {
		const rows = summaryRows(
			{
				childId: 'c1',
				wishedStartDate: '2027-09-01',
				choices: ['cocon-de-soie', 'grain-d-aile'],
				observations: 'Aussi la crèche de Seyssuel',
				pieceIds: ['piece:p1'],
				questionnaire: {
					residentInArea: true,
					professionalSituation: ['parent1Works', 'parent2JobSeeking']
				}
			},
			{
				child: () => 'Léa MARTIN',
				structure: (id) => `EAJE ${id}`,
				piece: () => 'Extrait de naissance – Léa'
			}
		);
		expect(rows).toEqual([
			{ label: 'Enfant', value: 'Léa MARTIN' },
			{ label: 'Date d’entrée souhaitée', value: '01/09/2027' },
			{ label: 'Choix 1', value: 'EAJE cocon-de-soie' },
			{ label: 'Choix 2', value: 'EAJE grain-d-aile' },
			{ label: 'Observations', value: 'Aussi la crèche de Seyssuel' },
			{ label: 'Pièces justificatives', value: 'Extrait de naissance – Léa' },
			{ label: 'Famille domiciliée ou contribuable dans l’agglomération', value: 'Oui' },
			{
				label: 'Situation professionnelle des parents',
				value: 'Parent 1 travaille ou suit une formation, Parent 2 en recherche d’emploi'
			}
		]);
	});

	it('says what is missing in a draft', () => {
		expect(summaryRows({}).map((r) => r.value)).toEqual([
			'Non choisi',
			'Non renseignée',
			'Aucune',
			'Non renseigné',
			'Non renseignée'
		]);
	});
});
