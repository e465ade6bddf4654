// The reads of helper PLAN's modules this part needs (contracts10: gridInForce, gridVersion,
// sessionById, capacitiesOf, checksOf, confirmationsOf), written here as the smallest SQL reads on
// migration 014 while PLAN's files land in parallel. Same names and shapes as PLAN's exports: once
// they are on main this file re-exports them.
import {
	DEFAULT_GRID,
	type Criterion,
	type CriterionRule,
	type CriterionSource
} from '../../src/lib/domain/commission-score';
import type { AgeGroup } from '../../src/lib/domain/structures';
import type { Db } from '../db';

export interface Grid {
	version: number;
	/** ISO timestamp. */
	createdAt: string;
	note: string | null;
	criteria: Criterion[];
}

export function gridVersion(db: Db, version: number): Grid | null {
	const row = db
		.prepare('SELECT version, created_at, note FROM commission_grids WHERE version = ?')
		.get(version) as { version: number; created_at: number; note: string | null } | undefined;
	if (!row) return null;
	const rows = db
		.prepare(
			`SELECT id, label, points, source, rule, max_points FROM commission_criteria
			 WHERE version = ? ORDER BY position`
		)
		.all(version) as {
		id: string;
		label: string;
		points: number;
		source: CriterionSource;
		rule: CriterionRule;
		max_points: number | null;
	}[];
	return {
		version: row.version,
		createdAt: new Date(row.created_at).toISOString(),
		note: row.note,
		criteria: rows.map((c) => ({
			id: c.id,
			label: c.label,
			points: c.points,
			source: c.source,
			rule: c.rule,
			maxPoints: c.max_points
		}))
	};
}

/** The latest version; the default grid is inserted as version 1 at first need. */
export function gridInForce(db: Db, now: number = Date.now()): Grid {
	db.transaction(() => {
		if (db.prepare('SELECT 1 FROM commission_grids LIMIT 1').get()) return;
		db.prepare(
			'INSERT INTO commission_grids (version, created_at, created_by, note) VALUES (1, ?, NULL, NULL)'
		).run(now);
		const insert = db.prepare(
			`INSERT INTO commission_criteria (version, id, position, label, points, source, rule, max_points)
			 VALUES (1, ?, ?, ?, ?, ?, ?, ?)`
		);
		DEFAULT_GRID.forEach((c, i) =>
			insert.run(c.id, i + 1, c.label, c.points, c.source, c.rule, c.maxPoints ?? null)
		);
	})();
	const { v } = db.prepare('SELECT MAX(version) AS v FROM commission_grids').get() as { v: number };
	return gridVersion(db, v)!;
}

export type SessionState = 'planned' | 'closed';

export interface CommissionSessionRecord {
	id: string;
	date: string;
	periodStart: string;
	periodEnd: string;
	reminderDays: number;
	state: SessionState;
	gridVersion: number | null;
	/** ISO timestamps, null until it happens. */
	remindedAt: string | null;
	closedAt: string | null;
	members: string | null;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function sessionById(db: Db, id: string): CommissionSessionRecord | null {
	const r = db
		.prepare(
			`SELECT id, date, period_start, period_end, reminder_days, state, grid_version, members,
			 reminded_at, closed_at FROM commission_sessions WHERE id = ?`
		)
		.get(id) as
		| {
				id: string;
				date: string;
				period_start: string;
				period_end: string;
				reminder_days: number;
				state: SessionState;
				grid_version: number | null;
				members: string | null;
				reminded_at: number | null;
				closed_at: number | null;
		  }
		| undefined;
	if (!r) return null;
	return {
		id: r.id,
		date: r.date,
		periodStart: r.period_start,
		periodEnd: r.period_end,
		reminderDays: r.reminder_days,
		state: r.state,
		gridVersion: r.grid_version,
		remindedAt: iso(r.reminded_at),
		closedAt: iso(r.closed_at),
		members: r.members
	};
}

/** Places per structure id and age group (only the structures with a row). */
export type Capacity = Record<string, Record<AgeGroup, number>>;

export function capacitiesOf(db: Db, sessionId: string): Capacity {
	const rows = db
		.prepare(
			'SELECT structure_id, age_group, places FROM commission_capacities WHERE session_id = ?'
		)
		.all(sessionId) as { structure_id: string; age_group: AgeGroup; places: number }[];
	const out: Capacity = {};
	for (const r of rows) {
		out[r.structure_id] ??= { babies: 0, toddlers: 0, older: 0 };
		out[r.structure_id]![r.age_group] = r.places;
	}
	return out;
}

/** The agents' checks of manual criteria, by request id then criterion id. */
export function checksOf(
	db: Db,
	requestIds: readonly string[]
): Record<string, Record<string, boolean>> {
	const out: Record<string, Record<string, boolean>> = {};
	const stmt = db.prepare('SELECT criterion_id, met FROM commission_checks WHERE request_id = ?');
	for (const id of requestIds) {
		const rows = stmt.all(id) as { criterion_id: string; met: number }[];
		out[id] = Object.fromEntries(rows.map((r) => [r.criterion_id, r.met === 1]));
	}
	return out;
}

export interface ConfirmationRecord {
	requestId: string;
	questionnaire: { residentInArea: boolean; professionalSituation: string[] };
	comment: string | null;
	/** ISO timestamp (server arrival). */
	confirmedAt: string;
}

/** The session's confirmations, by request id. */
export function confirmationsOf(db: Db, sessionId: string): Record<string, ConfirmationRecord> {
	const rows = db
		.prepare(
			`SELECT request_id, questionnaire, comment, confirmed_at FROM commission_confirmations
			 WHERE session_id = ?`
		)
		.all(sessionId) as {
		request_id: string;
		questionnaire: string;
		comment: string | null;
		confirmed_at: number;
	}[];
	return Object.fromEntries(
		rows.map((r) => [
			r.request_id,
			{
				requestId: r.request_id,
				questionnaire: JSON.parse(r.questionnaire),
				comment: r.comment,
				confirmedAt: new Date(r.confirmed_at).toISOString()
			}
		])
	);
}
