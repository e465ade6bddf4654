import { describe, expect, it } from 'vitest';
import {
	DEFAULT_GRID,
	ageGroupAt,
	gridProblems,
	scoreFile,
	wholeMonthsBetween,
	type Criterion,
	type FileFacts
} from './commission-score';

const facts = (over: Partial<FileFacts> = {}): FileFacts => ({
	submittedAt: '2026-09-10T08:00:00.000Z',
	questionnaire: { residentInArea: true, professionalSituation: ['parent1Works', 'parent2Works'] },
	hasCoParent: true,
	siblingStructureIds: [],
	choices: ['s1', 's2'],
	twins: false,
	checks: {},
	...over
});

const line = (r: ReturnType<typeof scoreFile>, id: string) =>
	r.lines.find((l) => l.criterionId === id)!;

describe('scoring a file', () => {
	it('a working couple living here, filed three whole months before the session', () => {
		const r = scoreFile(DEFAULT_GRID, facts(), '2026-12-15');
		expect(line(r, 'bothParentsWorking')).toMatchObject({ met: true, points: 4 });
		expect(line(r, 'residentInArea')).toMatchObject({ met: true, points: 3 });
		expect(line(r, 'monthsWaiting')).toMatchObject({
			met: true,
			points: 3,
			detail: 'Demande déposée depuis 3 mois entiers à la date de la commission.'
		});
		expect(line(r, 'singleWorkingParent')).toMatchObject({ met: false, points: 0 });
		expect(r.total).toBe(10);
		// One line per criterion of the grid, in its order: the explanation is complete.
		expect(r.lines.map((l) => l.criterionId)).toEqual(DEFAULT_GRID.map((c) => c.id));
		expect(r.lines.every((l) => l.detail.length > 0)).toBe(true);
	});

	it('a single working parent, a sibling admitted in a chosen structure, twins, a checked disability', () => {
		const r = scoreFile(
			DEFAULT_GRID,
			facts({
				hasCoParent: false,
				questionnaire: { residentInArea: false, professionalSituation: ['parent1Works'] },
				siblingStructureIds: ['s2'],
				twins: true,
				checks: { disability: true }
			}),
			'2026-12-15'
		);
		expect(line(r, 'singleWorkingParent').points).toBe(5);
		expect(line(r, 'bothParentsWorking').points).toBe(0);
		expect(line(r, 'siblingInStructure').points).toBe(3);
		expect(line(r, 'twins').points).toBe(2);
		expect(line(r, 'disability')).toMatchObject({ points: 4, detail: 'Vérifié par un agent.' });
		expect(line(r, 'residentInArea')).toMatchObject({
			points: 0,
			detail: 'Domicile hors de l’agglomération (questionnaire).'
		});
		expect(r.total).toBe(5 + 3 + 2 + 4 + 3);
	});

	it('seniority is capped, and a sibling in a structure not chosen does not count', () => {
		const r = scoreFile(
			DEFAULT_GRID,
			facts({ submittedAt: '2025-01-01T10:00:00Z', siblingStructureIds: ['s9'] }),
			'2026-12-15'
		);
		expect(line(r, 'monthsWaiting')).toMatchObject({
			points: 6,
			detail:
				'Demande déposée depuis 23 mois entiers à la date de la commission (plafond de 6 points).'
		});
		expect(line(r, 'siblingInStructure').points).toBe(0);
	});

	it('a manual criterion not checked yet says so; refused after checking says that', () => {
		const grid: Criterion[] = [
			{ id: 'manual-1', label: 'Situation sociale', points: 3, source: 'manual', rule: 'manual' }
		];
		expect(scoreFile(grid, facts(), '2026-12-15').lines[0]!.detail).toBe('Pas encore vérifié.');
		expect(
			scoreFile(grid, facts({ checks: { 'manual-1': false } }), '2026-12-15').lines[0]!.detail
		).toBe('Non retenu après vérification par un agent.');
		expect(scoreFile(grid, facts({ checks: { 'manual-1': true } }), '2026-12-15').total).toBe(3);
	});

	it('whole months: a month is counted once its day is reached', () => {
		expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(0);
		expect(wholeMonthsBetween('2026-01-15', '2026-02-15')).toBe(1);
		expect(wholeMonthsBetween('2026-03-01', '2026-02-01')).toBe(0);
	});
});

describe('age groups at the entry date', () => {
	it('bébés under 12 months, moyens under 24, grands after', () => {
		expect(ageGroupAt('2026-01-10', '2026-09-01')).toBe('babies');
		expect(ageGroupAt('2025-09-02', '2026-09-01')).toBe('babies');
		expect(ageGroupAt('2025-09-01', '2026-09-01')).toBe('toddlers');
		expect(ageGroupAt('2024-09-02', '2026-09-01')).toBe('toddlers');
		expect(ageGroupAt('2024-09-01', '2026-09-01')).toBe('older');
		// A child to be born before the entry: a baby.
		expect(ageGroupAt('2027-01-15', '2027-01-01')).toBe('babies');
	});
});

describe('the admins’ grid', () => {
	it('accepts the default grid and gives each criterion its source', () => {
		const r = gridProblems({ criteria: DEFAULT_GRID, note: 'Grille initiale' });
		expect(r.ok).toBe(true);
		if (r.ok) {
			expect(r.value.criteria.find((c) => c.id === 'twins')?.source).toBe('household');
			expect(r.value.criteria.find((c) => c.id === 'monthsWaiting')?.maxPoints).toBe(6);
		}
	});

	it('refuses bad points, an unknown rule, twice the same id or derived rule, in French by field', () => {
		const bad = gridProblems({
			criteria: [{ id: 'a', label: 'A', points: 2.5, rule: 'manual' }]
		});
		expect(bad).toMatchObject({
			ok: false,
			fields: { 'criteria.0.points': 'Les points doivent être un nombre entier.' }
		});
		expect(
			gridProblems({ criteria: [{ id: 'a', label: 'A', points: 2, rule: 'astrology' }] })
		).toMatchObject({ ok: false, message: 'Cette façon de calculer le critère est inconnue.' });
		expect(
			gridProblems({
				criteria: [
					{ id: 'a', label: 'A', points: 2, rule: 'twins' },
					{ id: 'a', label: 'B', points: 2, rule: 'manual' },
					{ id: 'c', label: 'C', points: 2, rule: 'twins' }
				]
			})
		).toMatchObject({
			ok: false,
			fields: {
				'criteria.1.id': 'Deux critères ont le même identifiant.',
				'criteria.2.rule': 'Ce critère est déjà calculé ainsi par une autre ligne.'
			}
		});
		expect(gridProblems({ criteria: [] })).toMatchObject({
			ok: false,
			message: 'La grille doit compter au moins un critère.'
		});
	});
});
