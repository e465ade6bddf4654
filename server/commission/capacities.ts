// Places freed for a session, per structure and age group (commission_capacities), entered by
// admins while the session is planned. Every active structure is listed, 0 when not set.
import * as v from 'valibot';
import type { Capacity } from '../../src/lib/domain/commission-proposal';
import { AGE_GROUPS, AGE_GROUP_LABELS, type AgeGroup } from '../../src/lib/domain/structures';
import type { Db } from '../db';
import { ApiError } from '../http/errors';

export type { Capacity };

export interface CapacityItem {
	structureId: string;
	name: string;
	babies: number;
	toddlers: number;
	older: number;
}

interface StructureRow {
	id: string;
	name: string;
	capacity_babies: number;
	capacity_toddlers: number;
	capacity_older: number;
}

function activeStructures(db: Db): StructureRow[] {
	return db
		.prepare(
			`SELECT id, name, capacity_babies, capacity_toddlers, capacity_older FROM structures
			 WHERE active = 1 ORDER BY position`
		)
		.all() as StructureRow[];
}

/** The session's places, by structure id (only the structures with a row). */
export function capacitiesOf(db: Db, sessionId: string): Capacity {
	const rows = db
		.prepare(
			'SELECT structure_id, age_group, places FROM commission_capacities WHERE session_id = ?'
		)
		.all(sessionId) as { structure_id: string; age_group: AgeGroup; places: number }[];
	const out: Capacity = {};
	for (const r of rows) {
		out[r.structure_id] ??= { babies: 0, toddlers: 0, older: 0 };
		out[r.structure_id][r.age_group] = r.places;
	}
	return out;
}

/** Every active structure with its places for the session (0 when not set). */
export function capacityItems(db: Db, sessionId: string): CapacityItem[] {
	const set = capacitiesOf(db, sessionId);
	return activeStructures(db).map((s) => ({
		structureId: s.id,
		name: s.name,
		babies: set[s.id]?.babies ?? 0,
		toddlers: set[s.id]?.toddlers ?? 0,
		older: set[s.id]?.older ?? 0
	}));
}

const groupLabel = (group: AgeGroup) => AGE_GROUP_LABELS[group].toLowerCase();

const places = (group: AgeGroup) =>
	v.pipe(
		v.number(`Le nombre de places ${groupLabel(group)} doit être un nombre.`),
		v.integer(`Le nombre de places ${groupLabel(group)} doit être un nombre entier.`),
		v.minValue(0, `Le nombre de places ${groupLabel(group)} ne peut pas être négatif.`)
	);

export const CapacitiesInput = v.object({
	items: v.array(
		v.object({
			structureId: v.string('Indiquez la structure.'),
			babies: places('babies'),
			toddlers: places('toddlers'),
			older: places('older')
		}),
		'Les places doivent être une liste par structure.'
	)
});
export type CapacitiesInput = v.InferOutput<typeof CapacitiesInput>;

/** Checks then stores the places (400 with nothing written on any problem). In a transaction. */
export function saveCapacities(db: Db, sessionId: string, input: CapacitiesInput): void {
	const structures = new Map(activeStructures(db).map((s) => [s.id, s]));
	const seen = new Set<string>();
	const fields: Record<string, string> = {};
	input.items.forEach((item, i) => {
		const s = structures.get(item.structureId);
		if (!s) {
			fields[`items.${i}.structureId`] = 'Cette structure n’existe pas ou n’est plus active.';
			return;
		}
		if (seen.has(s.id)) fields[`items.${i}.structureId`] = `${s.name} figure deux fois.`;
		seen.add(s.id);
		for (const group of AGE_GROUPS) {
			const max = s[`capacity_${group}`];
			if (item[group] > max)
				fields[`items.${i}.${group}`] =
					`${s.name} : ${item[group]} places ${groupLabel(group)}, plus que les ${max} places de la section.`;
		}
	});
	const problems = Object.values(fields);
	if (problems.length)
		throw new ApiError(
			400,
			'validation',
			problems.length === 1 ? problems[0] : 'Certaines places sont invalides.',
			fields
		);
	const put = db.prepare(
		`INSERT INTO commission_capacities (session_id, structure_id, age_group, places) VALUES (?, ?, ?, ?)
		 ON CONFLICT (session_id, structure_id, age_group) DO UPDATE SET places = excluded.places`
	);
	for (const item of input.items)
		for (const group of AGE_GROUPS) put.run(sessionId, item.structureId, group, item[group]);
}
