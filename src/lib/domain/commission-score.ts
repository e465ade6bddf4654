// The commission's scoring grid (« cotation », reference/commission.md): published, objective
// criteria that admins edit as data, and the score of one file explained line by line. Pure
// TypeScript: the server scores the files of a session, the public page shows the grid.
import * as v from 'valibot';
import type { AgeGroup } from './structures';

export const CRITERION_SOURCES = ['questionnaire', 'household', 'seniority', 'manual'] as const;
export type CriterionSource = (typeof CRITERION_SOURCES)[number];

export const CRITERION_SOURCE_LABELS: Record<CriterionSource, string> = {
	questionnaire: 'Questionnaire de la demande',
	household: 'Dossier famille',
	seniority: 'Ancienneté de la demande',
	manual: 'Vérification par un agent'
};

export const CRITERION_RULES = {
	bothParentsWorking: {
		source: 'questionnaire',
		label: 'Les deux parents travaillent (questionnaire)'
	},
	singleWorkingParent: {
		source: 'household',
		label: 'Pas de co-parent au dossier famille, et le parent travaille (questionnaire)'
	},
	jobSeeking: { source: 'questionnaire', label: 'Un parent recherche un emploi (questionnaire)' },
	disability: {
		source: 'manual',
		label: 'Situation attestée par une pièce, vérifiée par un agent'
	},
	siblingInStructure: {
		source: 'household',
		label: 'Un frère ou une sœur est admis dans une des structures demandées'
	},
	twins: {
		source: 'household',
		label: 'Un autre enfant du dossier famille est né le même jour'
	},
	monthsWaiting: {
		source: 'seniority',
		label: 'Points par mois entier entre le dépôt de la demande et la commission, plafonnés'
	},
	residentInArea: {
		source: 'questionnaire',
		label: 'Domicile dans l’agglomération (questionnaire)'
	},
	manual: { source: 'manual', label: 'Critère vérifié par un agent' }
} as const satisfies Record<string, { source: CriterionSource; label: string }>;

export type CriterionRule = keyof typeof CRITERION_RULES;
export const CRITERION_RULE_IDS = Object.keys(CRITERION_RULES) as CriterionRule[];

export interface Criterion {
	/** Stable across versions of the grid. */
	id: string;
	label: string;
	/** Points when met (per month for `monthsWaiting`). */
	points: number;
	source: CriterionSource;
	rule: CriterionRule;
	/** `monthsWaiting`: the most points it gives. */
	maxPoints?: number | null;
}

const criterion = (
	id: string,
	rule: CriterionRule,
	label: string,
	points: number,
	maxPoints?: number
): Criterion => ({
	id,
	label,
	points,
	rule,
	source: CRITERION_RULES[rule].source,
	...(maxPoints === undefined ? {} : { maxPoints })
});

/** The grid a new service starts from (points in the spirit of Paris 18e's published grid). */
export const DEFAULT_GRID: Criterion[] = [
	criterion(
		'bothParentsWorking',
		'bothParentsWorking',
		'Les deux parents travaillent ou sont en formation',
		4
	),
	criterion('singleWorkingParent', 'singleWorkingParent', 'Parent seul qui travaille', 5),
	criterion('jobSeeking', 'jobSeeking', 'Parent en recherche d’emploi (retour à l’emploi)', 2),
	criterion(
		'disability',
		'disability',
		'Enfant ou parent en situation de handicap ou atteint d’une maladie grave',
		4
	),
	criterion(
		'siblingInStructure',
		'siblingInStructure',
		'Frère ou sœur déjà accueilli dans la structure',
		3
	),
	criterion('twins', 'twins', 'Naissance multiple (jumeaux, triplés…)', 2),
	criterion('monthsWaiting', 'monthsWaiting', 'Ancienneté de la demande (par mois)', 1, 6),
	criterion('residentInArea', 'residentInArea', 'Domicile dans l’agglomération', 3)
];

export const MAX_CRITERIA = 30;
export const MIN_POINTS = -20;
export const MAX_POINTS = 50;

const CRITERION_ID = /^[a-zA-Z][a-zA-Z0-9-]{0,40}$/;

const CriterionInput = v.object({
	id: v.pipe(
		v.string('Chaque critère doit avoir un identifiant.'),
		v.regex(CRITERION_ID, 'L’identifiant d’un critère est fait de lettres, chiffres et tirets.')
	),
	label: v.pipe(
		v.string('Le libellé du critère est obligatoire.'),
		v.trim(),
		v.nonEmpty('Le libellé du critère est obligatoire.'),
		v.maxLength(150, 'Le libellé d’un critère ne peut pas dépasser 150 caractères.')
	),
	points: v.pipe(
		v.number('Les points doivent être un nombre.'),
		v.integer('Les points doivent être un nombre entier.'),
		v.minValue(MIN_POINTS, `Les points ne peuvent pas être inférieurs à ${MIN_POINTS}.`),
		v.maxValue(MAX_POINTS, `Les points ne peuvent pas dépasser ${MAX_POINTS}.`)
	),
	rule: v.picklist(CRITERION_RULE_IDS, 'Cette façon de calculer le critère est inconnue.'),
	maxPoints: v.optional(
		v.nullable(
			v.pipe(
				v.number('Le plafond doit être un nombre.'),
				v.integer('Le plafond doit être un nombre entier.'),
				v.minValue(0, 'Le plafond ne peut pas être négatif.'),
				v.maxValue(100, 'Le plafond ne peut pas dépasser 100 points.')
			)
		)
	)
});

export const GridInput = v.object(
	{
		criteria: v.pipe(
			v.array(CriterionInput, 'Les critères doivent être une liste.'),
			v.minLength(1, 'La grille doit compter au moins un critère.'),
			v.maxLength(MAX_CRITERIA, `La grille compte au plus ${MAX_CRITERIA} critères.`)
		),
		note: v.optional(
			v.pipe(
				v.string('La note doit être un texte.'),
				v.trim(),
				v.maxLength(500, 'La note ne peut pas dépasser 500 caractères.')
			)
		)
	},
	// A body that is not an object, or has no criteria at all (valibot's own message is English).
	'La grille doit être une liste de critères.'
);

export type GridProblem = { ok: false; message: string; fields: Record<string, string> };

/** The admin's grid, checked: criteria with their source, or the French problems by field. */
export function gridProblems(
	input: unknown
): { ok: true; value: { criteria: Criterion[]; note?: string } } | GridProblem {
	const r = v.safeParse(GridInput, input);
	if (!r.success) {
		const fields: Record<string, string> = {};
		for (const issue of r.issues) {
			const path = v.getDotPath(issue) ?? 'criteria';
			fields[path] ??= issue.message;
		}
		return { ok: false, message: r.issues[0].message, fields };
	}
	const fields: Record<string, string> = {};
	const ids = new Set<string>();
	const derived = new Set<string>();
	r.output.criteria.forEach((c, i) => {
		if (ids.has(c.id)) fields[`criteria.${i}.id`] = 'Deux critères ont le même identifiant.';
		ids.add(c.id);
		if (c.rule !== 'manual') {
			if (derived.has(c.rule))
				fields[`criteria.${i}.rule`] = 'Ce critère est déjà calculé ainsi par une autre ligne.';
			derived.add(c.rule);
		}
	});
	const first = Object.values(fields)[0];
	if (first) return { ok: false, message: first, fields };
	return {
		ok: true,
		value: {
			criteria: r.output.criteria.map((c) => ({
				...c,
				source: CRITERION_RULES[c.rule].source,
				maxPoints: c.rule === 'monthsWaiting' ? (c.maxPoints ?? null) : null
			})),
			...(r.output.note ? { note: r.output.note } : {})
		}
	};
}

/** What the server knows of a file when it scores it. */
export interface FileFacts {
	/** ISO timestamp of the request's submission: seniority counts from it. */
	submittedAt: string;
	/** The questionnaire in force: the family's confirmation before the session, else the request's. */
	questionnaire: { residentInArea?: boolean; professionalSituation?: readonly string[] };
	/** The household file has a validated co-parent (co-représentant). */
	hasCoParent: boolean;
	/** Structures where a brother or sister has a contract « Admis ». */
	siblingStructureIds: readonly string[];
	/** The request's structures, in order. */
	choices: readonly string[];
	/** Another child of the household file is born (or expected) the same day. */
	twins: boolean;
	/** Manual criteria an agent checked, by criterion id. */
	checks: Readonly<Record<string, boolean>>;
}

export interface ScoreLine {
	criterionId: string;
	label: string;
	met: boolean;
	points: number;
	/** Why, in French, for the agent and the family. */
	detail: string;
}

/** Whole months from `from` to `to` (ISO dates or timestamps; 0 when `to` is before). */
export function wholeMonthsBetween(from: string, to: string): number {
	const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number) as [number, number, number];
	const [ty, tm, td] = to.slice(0, 10).split('-').map(Number) as [number, number, number];
	const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
	return Math.max(0, months);
}

const works = (q: FileFacts['questionnaire'], who: 1 | 2) =>
	q.professionalSituation?.includes(`parent${who}Works`) ?? false;
const seeks = (q: FileFacts['questionnaire']) =>
	(q.professionalSituation ?? []).some(
		(s) => s === 'parent1JobSeeking' || s === 'parent2JobSeeking'
	);

function evaluate(
	c: Criterion,
	f: FileFacts,
	sessionDate: string
): { met: boolean; points: number; detail: string } {
	const yes = (met: boolean, whenMet: string, whenNot: string) => ({
		met,
		points: met ? c.points : 0,
		detail: met ? whenMet : whenNot
	});
	const q = f.questionnaire;
	switch (c.rule) {
		case 'bothParentsWorking':
			return yes(
				works(q, 1) && works(q, 2),
				'Le questionnaire indique que les deux parents travaillent.',
				'Le questionnaire n’indique pas que les deux parents travaillent.'
			);
		case 'singleWorkingParent':
			return yes(
				!f.hasCoParent && works(q, 1),
				'Aucun co-parent au dossier famille, et le parent travaille.',
				f.hasCoParent
					? 'Un co-parent figure au dossier famille.'
					: 'Le questionnaire n’indique pas que le parent travaille.'
			);
		case 'jobSeeking':
			return yes(
				seeks(q),
				'Le questionnaire indique un parent en recherche d’emploi.',
				'Aucun parent en recherche d’emploi selon le questionnaire.'
			);
		case 'siblingInStructure': {
			const shared = f.choices.filter((s) => f.siblingStructureIds.includes(s));
			return yes(
				shared.length > 0,
				'Un frère ou une sœur est admis dans une des structures demandées.',
				'Aucun frère ni sœur admis dans les structures demandées.'
			);
		}
		case 'twins':
			return yes(
				f.twins,
				'Un autre enfant du dossier famille est né le même jour.',
				'Pas de naissance multiple au dossier famille.'
			);
		case 'residentInArea':
			return yes(
				q.residentInArea === true,
				'Domicile dans l’agglomération (questionnaire).',
				'Domicile hors de l’agglomération (questionnaire).'
			);
		case 'monthsWaiting': {
			const months = wholeMonthsBetween(f.submittedAt, sessionDate);
			const raw = months * c.points;
			const cap = c.maxPoints ?? null;
			const points = cap === null ? raw : Math.min(raw, cap);
			const plural = months > 1 ? 'mois entiers' : 'mois entier';
			return {
				met: months > 0,
				points,
				detail:
					`Demande déposée depuis ${months} ${plural} à la date de la commission` +
					(cap !== null && raw > cap ? ` (plafond de ${cap} points).` : '.')
			};
		}
		case 'disability':
		case 'manual': {
			const checked = f.checks[c.id];
			return yes(
				checked === true,
				'Vérifié par un agent.',
				checked === false ? 'Non retenu après vérification par un agent.' : 'Pas encore vérifié.'
			);
		}
	}
}

/** The file's score under `grid` at the session of `sessionDate`, with one line per criterion. */
export function scoreFile(
	grid: readonly Criterion[],
	facts: FileFacts,
	sessionDate: string
): { total: number; lines: ScoreLine[] } {
	const lines = grid.map((c) => ({
		criterionId: c.id,
		label: c.label,
		...evaluate(c, facts, sessionDate)
	}));
	return { total: lines.reduce((sum, l) => sum + l.points, 0), lines };
}

/** Age limits of the groups, in whole months at the entry date: bébés < 12, moyens < 24, grands. */
export const AGE_GROUP_LIMITS = { babies: 12, toddlers: 24 } as const;

/** The age group of a child born (or expected) on `birthDate`, entering on `entryDate`. */
export function ageGroupAt(birthDate: string, entryDate: string): AgeGroup {
	const months = wholeMonthsBetween(birthDate, entryDate);
	if (months < AGE_GROUP_LIMITS.babies) return 'babies';
	if (months < AGE_GROUP_LIMITS.toddlers) return 'toddlers';
	return 'older';
}
