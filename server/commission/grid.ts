// The scoring grid, versioned (migration 014: commission_grids + commission_criteria): the version
// in force is the latest; editing the grid writes version N+1 and never touches older ones (a
// closed session keeps the version it closed on). The default grid is inserted as version 1 the
// first time anything reads the grid (created_by NULL).
import {
	DEFAULT_GRID,
	type Criterion,
	type CriterionRule,
	type CriterionSource
} from '../../src/lib/domain/commission-score';
import type { Db } from '../db';

export interface Grid {
	version: number;
	/** ISO timestamp. */
	createdAt: string;
	note: string | null;
	criteria: Criterion[];
}

interface CriterionRow {
	id: string;
	label: string;
	points: number;
	source: CriterionSource;
	rule: CriterionRule;
	max_points: number | null;
}

function insertVersion(
	db: Db,
	version: number,
	criteria: readonly Criterion[],
	by: string | null,
	note: string | null,
	now: number
): void {
	db.prepare(
		'INSERT INTO commission_grids (version, created_at, created_by, note) VALUES (?, ?, ?, ?)'
	).run(version, now, by, note);
	const insert = db.prepare(
		`INSERT INTO commission_criteria (version, id, position, label, points, source, rule, max_points)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	);
	criteria.forEach((c, i) =>
		insert.run(version, c.id, i + 1, c.label, c.points, c.source, c.rule, c.maxPoints ?? null)
	);
}

/** Inserts the default grid as version 1 when there is no grid yet. */
export function ensureGrid(db: Db, now: number = Date.now()): void {
	db.transaction(() => {
		if (db.prepare('SELECT 1 FROM commission_grids LIMIT 1').get()) return;
		insertVersion(db, 1, DEFAULT_GRID, null, null, now);
	})();
}

/** One version of the grid, or null when it does not exist. */
export function gridVersion(db: Db, version: number): Grid | null {
	const row = db
		.prepare('SELECT version, created_at, note FROM commission_grids WHERE version = ?')
		.get(version) as { version: number; created_at: number; note: string | null } | undefined;
	if (!row) return null;
	const criteria = (
		db
			.prepare(
				`SELECT id, label, points, source, rule, max_points FROM commission_criteria
				 WHERE version = ? ORDER BY position`
			)
			.all(version) as CriterionRow[]
	).map((c): Criterion => ({
		id: c.id,
		label: c.label,
		points: c.points,
		source: c.source,
		rule: c.rule,
		maxPoints: c.max_points
	}));
	return {
		version: row.version,
		createdAt: new Date(row.created_at).toISOString(),
		note: row.note,
		criteria
	};
}

/** The grid in force: the latest version (the default one inserted at first need). */
export function gridInForce(db: Db, now: number = Date.now()): Grid {
	ensureGrid(db, now);
	const { v } = db.prepare('SELECT MAX(version) AS v FROM commission_grids').get() as { v: number };
	return gridVersion(db, v)!;
}

/** Writes the edited criteria as the next version; returns it. Inside the caller's transaction. */
export function saveGrid(
	db: Db,
	criteria: readonly Criterion[],
	note: string | null,
	by: string,
	now: number
): Grid {
	const version = gridInForce(db, now).version + 1;
	insertVersion(db, version, criteria, by, note, now);
	return gridVersion(db, version)!;
}
