// The crèches (EAJE) families choose from: the admins' form, the label the guide shows, and the
// age groups their places are divided into (reference/commission.md). Pure TypeScript.
import * as v from 'valibot';
import { optionalText, requiredText } from './validation';

export const AGE_GROUPS = ['babies', 'toddlers', 'older'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const AGE_GROUP_LABELS: Record<AgeGroup, string> = {
	babies: 'Bébés',
	toddlers: 'Moyens',
	older: 'Grands'
};

export const MAX_PLACES = 200;

const places = (label: string) =>
	v.pipe(
		v.number(`Le champ « ${label} » doit être un nombre de places.`),
		v.integer(`Le champ « ${label} » doit être un nombre entier de places.`),
		v.minValue(0, `Le champ « ${label} » ne peut pas être négatif.`),
		v.maxValue(MAX_PLACES, `Le champ « ${label} » ne peut pas dépasser ${MAX_PLACES} places.`)
	);

export const StructureInput = v.object({
	name: requiredText('Nom', 100),
	commune: optionalText('Commune', 100),
	capacities: v.object({
		babies: places(`Places ${AGE_GROUP_LABELS.babies}`),
		toddlers: places(`Places ${AGE_GROUP_LABELS.toddlers}`),
		older: places(`Places ${AGE_GROUP_LABELS.older}`)
	}),
	active: v.boolean('Indiquez si la structure est proposée aux familles.')
});
export type StructureInput = v.InferOutput<typeof StructureInput>;

export type Capacities = Record<AgeGroup, number>;

export interface StructureRecord {
	id: string;
	name: string;
	label: string;
	commune: string | null;
	/** Total places: the sum of the age groups. */
	capacity: number;
	capacities: Capacities;
	active: boolean;
}

/** As the guide shows a structure in the pre-registration: « Accueil Petite enfance - EAJE … ». */
export function structureLabel(name: string): string {
	return `Accueil Petite enfance - EAJE ${name} - Liste d'attente`;
}

export function totalPlaces(c: Capacities): number {
	return c.babies + c.toddlers + c.older;
}

/** A first division of a total into age groups (a quarter bébés, the rest shared), to be edited. */
export function splitCapacity(total: number): Capacities {
	const babies = Math.floor(total / 4);
	const toddlers = Math.floor((total - babies) / 2);
	return { babies, toddlers, older: total - babies - toddlers };
}
