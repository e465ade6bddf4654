// The audit log: who on the staff read or changed what, and when (every view of a family's file or
// document, every change). One writer, called inside the transaction of what it records; admins
// read it filtered by family or agent; a daily job purges rows past the retention period.
import { cachedStatement } from '../db/statement-cache';
import type { Db } from '../db';
import type { AuditEntry } from '../../src/lib/domain/audit';

export interface AuditRecord {
	/** The agent; null for what the service's own jobs decide (a waiting list's offer, an expiry). */
	actorId: string | null;
	action: string;
	householdId?: string | null;
	detail?: Record<string, unknown>;
}

export function audit(db: Db, record: AuditRecord, now: number): void {
	cachedStatement(
		db,
		'INSERT INTO audit_log (at, actor_id, action, household_id, detail) VALUES (?, ?, ?, ?, ?)'
	).run(
		now,
		record.actorId,
		record.action,
		record.householdId ?? null,
		record.detail === undefined ? null : JSON.stringify(record.detail)
	);
}

const DAY_MS = 86_400_000;

/** Removes the rows older than `retentionDays`; returns how many. */
export function purgeAudit(db: Db, now: number, retentionDays: number): number {
	return db.prepare('DELETE FROM audit_log WHERE at < ?').run(now - retentionDays * DAY_MS).changes;
}

export interface AuditFilter {
	actorId?: string;
	householdId?: string;
	/** The start of a family's name (any parent of the household); ASCII case ignored. */
	family?: string;
	/** Entries with an id below this one (the next page). */
	before?: number;
	limit: number;
}

interface Row {
	id: number;
	at: number;
	actor_id: string | null;
	actor_name: string | null;
	action: string;
	household_id: string | null;
	family_name: string | null;
	detail: string | null;
}

/** Newest first, keyset-paginated on the id. */
export function auditEntries(
	db: Db,
	f: AuditFilter
): { items: AuditEntry[]; nextBefore: number | null } {
	const where: string[] = [];
	const params: unknown[] = [];
	if (f.actorId) {
		where.push('a.actor_id = ?');
		params.push(f.actorId);
	}
	if (f.householdId) {
		where.push('a.household_id = ?');
		params.push(f.householdId);
	}
	if (f.family) {
		where.push(
			`a.household_id IN (SELECT household_id FROM users WHERE role = 'parent' AND household_id IS NOT NULL AND last_name LIKE ? ESCAPE '\\')`
		);
		params.push(`${f.family.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
	}
	if (f.before) {
		where.push('a.id < ?');
		params.push(f.before);
	}
	const rows = db
		.prepare(
			`SELECT a.id, a.at, a.actor_id, a.action, a.household_id, a.detail,
				trim(coalesce(actor.first_names, '') || ' ' || coalesce(actor.last_name, '')) AS actor_name,
				(SELECT trim(p.first_names || ' ' || p.last_name) FROM users p
				 WHERE p.household_id = a.household_id AND p.role = 'parent' ORDER BY p.created_at LIMIT 1) AS family_name
			 FROM audit_log a LEFT JOIN users actor ON actor.id = a.actor_id
			 ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
			 ORDER BY a.id DESC LIMIT ?`
		)
		.all(...params, f.limit + 1) as Row[];
	const page = rows.slice(0, f.limit);
	return {
		items: page.map((r) => ({
			id: r.id,
			at: new Date(r.at).toISOString(),
			actorId: r.actor_id,
			actorName: r.actor_name || null,
			action: r.action,
			householdId: r.household_id,
			familyName: r.family_name,
			detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null
		})),
		nextBefore: rows.length > f.limit ? page.at(-1)!.id : null
	};
}

/** The service's accounts, for the log's "agent" filter. */
export function staffAccounts(db: Db): { id: string; name: string; role: string }[] {
	return db
		.prepare(
			`SELECT id, trim(first_names || ' ' || last_name) AS name, role FROM users
			 WHERE role IN ('staff', 'admin') ORDER BY last_name, first_names`
		)
		.all() as { id: string; name: string; role: string }[];
}
