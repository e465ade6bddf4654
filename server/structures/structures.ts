// The crèches on the server: the list the desk shows (active or not) and the admins' edits, each
// one audited in its transaction. Parents' list: server/routes/reference.ts (active ones).
import { audit } from '../audit/audit';
import type { Db } from '../db';
import {
	structureLabel,
	totalPlaces,
	type StructureInput,
	type StructureRecord
} from '../../src/lib/domain/structures';

interface Row {
	id: string;
	name: string;
	label: string;
	commune: string | null;
	capacity: number;
	capacity_babies: number;
	capacity_toddlers: number;
	capacity_older: number;
	active: number;
}

const toRecord = (r: Row): StructureRecord => ({
	id: r.id,
	name: r.name,
	label: r.label,
	commune: r.commune,
	capacity: r.capacity,
	capacities: { babies: r.capacity_babies, toddlers: r.capacity_toddlers, older: r.capacity_older },
	active: r.active === 1
});

const COLUMNS =
	'id, name, label, commune, capacity, capacity_babies, capacity_toddlers, capacity_older, active';

export function allStructures(db: Db): StructureRecord[] {
	return (db.prepare(`SELECT ${COLUMNS} FROM structures ORDER BY position`).all() as Row[]).map(
		toRecord
	);
}

/** Applies an admin's edit; null when the structure does not exist. */
export function updateStructure(
	db: Db,
	id: string,
	input: StructureInput,
	actorId: string,
	now: number
): StructureRecord | null {
	return db.transaction(() => {
		const c = input.capacities;
		const row = db
			.prepare(
				`UPDATE structures SET name = ?, label = ?, commune = ?, capacity = ?, capacity_babies = ?,
					capacity_toddlers = ?, capacity_older = ?, active = ?, updated_at = ?
				 WHERE id = ? RETURNING ${COLUMNS}`
			)
			.get(
				input.name,
				structureLabel(input.name),
				input.commune ?? null,
				totalPlaces(c),
				c.babies,
				c.toddlers,
				c.older,
				input.active ? 1 : 0,
				now,
				id
			) as Row | undefined;
		if (!row) return null;
		audit(db, { actorId, action: 'structure.update', detail: { structureId: id, ...input } }, now);
		return toRecord(row);
	})();
}
