// The year's commission sessions (commission_sessions): what admins plan, edit and delete while a
// session is planned, the default calendar (« Planifier l’année »), and the reads other parts of
// the feature use (sessionById). Dates are calendar days YYYY-MM-DD (Europe/Paris).
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { COMMISSION_MONTHS } from '../../src/lib/domain/commission';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { COMMISSION_ELIGIBLE_STATUSES } from '../../src/lib/domain/request-status';
import type { Db } from '../db';
import { parisDayAndHour } from '../desk/digest';
import { ApiError } from '../http/errors';

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

export interface SessionRow {
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

export const SESSION_NOT_FOUND = 'Cette commission n’existe pas ou a été supprimée.';
export const SESSION_CLOSED = 'Cette commission est close : elle ne peut plus être modifiée.';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function toRecord(r: SessionRow): CommissionSessionRecord {
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

const COLUMNS = `id, date, period_start, period_end, reminder_days, state, grid_version, members,
	reminded_at, closed_at`;

export function sessionRow(db: Db, id: string): SessionRow | undefined {
	return db.prepare(`SELECT ${COLUMNS} FROM commission_sessions WHERE id = ?`).get(id) as
		SessionRow | undefined;
}

/** A session, or null when unknown. */
export function sessionById(db: Db, id: string): CommissionSessionRecord | null {
	const row = sessionRow(db, id);
	return row ? toRecord(row) : null;
}

/** The session or a 404. */
export function requireSession(db: Db, id: string): SessionRow {
	const row = sessionRow(db, id);
	if (!row) throw new ApiError(404, 'not_found', SESSION_NOT_FOUND);
	return row;
}

/** The session, planned, or a 404 / 409. */
export function requirePlanned(db: Db, id: string, closedMessage = SESSION_CLOSED): SessionRow {
	const row = requireSession(db, id);
	if (row.state !== 'planned') throw new ApiError(409, 'conflict', closedMessage);
	return row;
}

/** Sessions whose date is on or after `from` (YYYY-MM-DD), by date. */
export function sessionsFrom(db: Db, from: string): CommissionSessionRecord[] {
	return (
		db
			.prepare(`SELECT ${COLUMNS} FROM commission_sessions WHERE date >= ? ORDER BY date`)
			.all(from) as SessionRow[]
	).map(toRecord);
}

/** January 1st of the current year in Europe/Paris. */
export function parisYearStart(now: number): string {
	return `${parisDayAndHour(now).day.slice(0, 4)}-01-01`;
}

/** How many requests the session would examine: eligible status, wished date as examinedBySession. */
export function eligibleCount(
	db: Db,
	session: { date: string; periodStart: string; periodEnd: string }
): number {
	const statuses = COMMISSION_ELIGIBLE_STATUSES;
	const row = db
		.prepare(
			`SELECT COUNT(*) AS n FROM requests r JOIN request_index i ON i.number = r.number
			 WHERE r.type = 'preinscription' AND r.status IN (${statuses.map(() => '?').join(', ')})
			 AND i.wished_date IS NOT NULL AND i.wished_date <= ?
			 AND (i.wished_date >= ? OR i.wished_date < ?)`
		)
		.get(...statuses, session.periodEnd, session.periodStart, session.date) as { n: number };
	return row.n;
}

// ── Input ─────────────────────────────────────────────────────────────────

function isRealDay(s: string): boolean {
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const day = (label: string) =>
	v.pipe(
		v.string(`Le champ « ${label} » est obligatoire.`),
		v.trim(),
		v.nonEmpty(`Le champ « ${label} » est obligatoire.`),
		v.check(
			(s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDay(s),
			`Le champ « ${label} » doit être une date valide (AAAA-MM-JJ).`
		)
	);

export const PERIOD_ORDER =
	'La fin de la période d’entrée doit être le même jour que son début ou après.';

export const SessionInput = v.pipe(
	v.object({
		date: day('Date de la commission'),
		periodStart: day('Début de la période d’entrée'),
		periodEnd: day('Fin de la période d’entrée'),
		reminderDays: v.optional(
			v.pipe(
				v.number('Le champ « Rappel aux familles » doit être un nombre de jours.'),
				v.integer('Le champ « Rappel aux familles » doit être un nombre entier de jours.'),
				v.minValue(0, 'Le champ « Rappel aux familles » ne peut pas être négatif.'),
				v.maxValue(90, 'Le champ « Rappel aux familles » ne peut pas dépasser 90 jours.')
			)
		)
	}),
	v.forward(
		v.check((s) => s.periodStart <= s.periodEnd, PERIOD_ORDER),
		['periodEnd']
	)
);
export type SessionInput = v.InferOutput<typeof SessionInput>;

export const PlanYearInput = v.object({
	year: v.pipe(
		v.number('Indiquez l’année à planifier.'),
		v.integer('L’année doit être un nombre entier.'),
		v.minValue(2000, 'L’année doit être comprise entre 2000 et 2100.'),
		v.maxValue(2100, 'L’année doit être comprise entre 2000 et 2100.')
	)
});

function duplicateDate(db: Db, date: string, except: string | null): never | void {
	const other = db
		.prepare('SELECT id FROM commission_sessions WHERE date = ? AND id IS NOT ?')
		.get(date, except) as { id: string } | undefined;
	if (other) {
		const message = `Une commission est déjà prévue le ${frenchLongDay(date)}.`;
		throw new ApiError(400, 'validation', message, { date: message });
	}
}

// ── Writes (inside the caller's transaction) ──────────────────────────────

export function createSession(
	db: Db,
	input: SessionInput,
	defaultReminderDays: number,
	now: number
): CommissionSessionRecord {
	duplicateDate(db, input.date, null);
	const id = randomUUID();
	db.prepare(
		`INSERT INTO commission_sessions (id, date, period_start, period_end, reminder_days, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`
	).run(
		id,
		input.date,
		input.periodStart,
		input.periodEnd,
		input.reminderDays ?? defaultReminderDays,
		now,
		now
	);
	return sessionById(db, id)!;
}

export function updateSession(
	db: Db,
	id: string,
	input: SessionInput,
	now: number
): CommissionSessionRecord {
	const row = requirePlanned(db, id);
	duplicateDate(db, input.date, id);
	db.prepare(
		`UPDATE commission_sessions SET date = ?, period_start = ?, period_end = ?, reminder_days = ?,
		 updated_at = ? WHERE id = ?`
	).run(
		input.date,
		input.periodStart,
		input.periodEnd,
		input.reminderDays ?? row.reminder_days,
		now,
		id
	);
	return sessionById(db, id)!;
}

export const HAS_ADJUSTMENTS =
	'Des ajustements ont déjà été faits pour cette commission : elle ne peut plus être supprimée.';
export const HAS_DECISIONS =
	'Des places ont déjà été proposées au titre de cette commission : elle ne peut plus être supprimée.';
export const HAS_CONFIRMATIONS =
	'Des familles ont déjà confirmé leur situation pour cette commission : elle ne peut plus être supprimée.';

export function deleteSession(db: Db, id: string): SessionRow {
	const row = requirePlanned(
		db,
		id,
		'Cette commission est close : elle ne peut plus être supprimée.'
	);
	if (db.prepare('SELECT 1 FROM commission_adjustments WHERE session_id = ? LIMIT 1').get(id))
		throw new ApiError(409, 'conflict', HAS_ADJUSTMENTS);
	if (db.prepare('SELECT 1 FROM commission_confirmations WHERE session_id = ? LIMIT 1').get(id))
		throw new ApiError(409, 'conflict', HAS_CONFIRMATIONS);
	for (const table of ['commission_decisions', 'commission_waitlist', 'offers'])
		if (db.prepare(`SELECT 1 FROM ${table} WHERE session_id = ? LIMIT 1`).get(id))
			throw new ApiError(409, 'conflict', HAS_DECISIONS);
	db.prepare('DELETE FROM commission_capacities WHERE session_id = ?').run(id);
	db.prepare('DELETE FROM commission_sessions WHERE id = ?').run(id);
	return row;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The default session of `month` (1–12) in `year`: the 15th, or the next Monday–Friday. */
export function defaultSession(year: number, month: number) {
	const d = new Date(Date.UTC(year, month - 1, 15));
	const wd = d.getUTCDay();
	if (wd === 6) d.setUTCDate(17);
	if (wd === 0) d.setUTCDate(16);
	const first = new Date(Date.UTC(year, month, 1)); // the first day of the following month
	const last = new Date(Date.UTC(year, month + 3, 0)); // the last day of the third month after
	const day = (x: Date) => x.toISOString().slice(0, 10);
	return { date: day(d), periodStart: day(first), periodEnd: day(last), month };
}

/** Creates the year's default sessions whose month has none yet; returns those created. */
export function planYear(
	db: Db,
	year: number,
	reminderDays: number,
	now: number
): CommissionSessionRecord[] {
	const created: CommissionSessionRecord[] = [];
	for (const month of COMMISSION_MONTHS) {
		const prefix = `${year}-${pad(month)}-`;
		const exists = db
			.prepare('SELECT 1 FROM commission_sessions WHERE date >= ? AND date <= ? LIMIT 1')
			.get(`${prefix}01`, `${prefix}31`);
		if (exists) continue;
		const s = defaultSession(year, month);
		created.push(createSession(db, { ...s, reminderDays }, reminderDays, now));
	}
	return created;
}
