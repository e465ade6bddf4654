// How the desk reads contracts for billing: the list with the terms in force and the anomalies,
// one contract with its whole history of terms and its entries.
import { contractAnomalies } from '../../src/lib/domain/contract-terms';
import { todayInParis } from '../../src/lib/domain/validation';
import type { Db } from '../db';
import {
	entryFromRow,
	termsFromRow,
	type BillingEntry,
	type ContractTerms
} from './contract-terms';

export interface ContractRow {
	id: string;
	origin: 'commission' | 'desk';
	household_id: string;
	child_id: string;
	child_name: string;
	child_birth_date: string | null;
	structure_id: string;
	structure_name: string;
	start_date: string;
	end_date: string | null;
	status: 'Admis' | 'Terminé';
	created_at: number;
	family_last_name: string | null;
	family_first_names: string | null;
}

const SELECT = `SELECT c.id, c.origin, c.household_id, c.child_id, c.child_name, c.child_birth_date,
	c.structure_id, s.name AS structure_name, c.start_date, c.end_date, c.status, c.created_at,
	p.last_name AS family_last_name, p.first_names AS family_first_names
	FROM contracts c JOIN structures s ON s.id = c.structure_id
	LEFT JOIN users p ON p.id = (SELECT u.id FROM users u WHERE u.household_id = c.household_id
		AND u.role = 'parent' ORDER BY u.created_at, u.id LIMIT 1)`;

export function contractRow(db: Db, id: string): ContractRow | undefined {
	return db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ContractRow | undefined;
}

const staffName = (db: Db, id: string | null) => {
	if (!id) return null;
	const u = db.prepare('SELECT first_names, last_name FROM users WHERE id = ?').get(id) as
		{ first_names: string; last_name: string } | undefined;
	return u ? `${u.first_names} ${u.last_name}` : null;
};

/** Terms as JSON: hours in decimal, money in cents (and the author's name). */
export function termsView(db: Db, t: ContractTerms) {
	return {
		id: t.id,
		effectiveFrom: t.effectiveFrom,
		hoursPerWeek: t.minutesPerWeek / 60,
		minutesPerWeek: t.minutesPerWeek,
		daysPerWeek: t.daysPerWeek,
		weeksPerYear: t.weeksPerYear,
		monthsBilled: t.monthsBilled,
		monthlyResourcesCents: t.monthlyResourcesCents,
		resourcesSource: t.resourcesSource,
		resourcesDate: t.resourcesDate,
		dependentChildren: t.dependentChildren,
		aeehChildren: t.aeehChildren,
		reason: t.reason,
		createdAt: new Date(t.createdAt).toISOString(),
		createdBy: staffName(db, t.createdBy)
	};
}

export function entryView(db: Db, e: BillingEntry) {
	return {
		id: e.id,
		contractId: e.contractId,
		month: e.month,
		kind: e.kind,
		hours: e.minutes === null ? null : e.minutes / 60,
		days: e.days,
		note: e.note,
		createdAt: new Date(e.createdAt).toISOString(),
		createdBy: staffName(db, e.createdBy)
	};
}

/** The terms shown as current: those in force today, or the first ones of a contract not begun. */
function currentTerms(history: ContractTerms[], today: string): ContractTerms | null {
	let current: ContractTerms | null = null;
	for (const t of history) if (t.effectiveFrom <= today) current = t;
	return current ?? history[0] ?? null;
}

function summary(db: Db, r: ContractRow, history: ContractTerms[], today: string) {
	const terms = currentTerms(history, today);
	return {
		id: r.id,
		origin: r.origin,
		child: { id: r.child_id, name: r.child_name, birthDate: r.child_birth_date },
		family: { lastName: r.family_last_name ?? '', firstNames: r.family_first_names ?? '' },
		householdId: r.household_id,
		structureId: r.structure_id,
		structureName: r.structure_name,
		startDate: r.start_date,
		endDate: r.end_date,
		status: r.status,
		terms: terms ? termsView(db, terms) : null,
		anomalies:
			r.status === 'Terminé'
				? []
				: contractAnomalies({ endDate: r.end_date, status: r.status }, terms, today)
	};
}

export interface ContractFilter {
	structure?: string;
	q?: string;
	status?: string;
}

export function listContracts(db: Db, now: number, f: ContractFilter) {
	const where: string[] = [];
	const params: string[] = [];
	if (f.structure) {
		where.push('c.structure_id = ?');
		params.push(f.structure);
	}
	if (f.status === 'Admis' || f.status === 'Terminé') {
		where.push('c.status = ?');
		params.push(f.status);
	}
	const q = f.q?.trim();
	if (q) {
		where.push(`(c.child_name LIKE ? ESCAPE '\\' OR p.last_name LIKE ? ESCAPE '\\')`);
		const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
		params.push(like, like);
	}
	const rows = db
		.prepare(
			`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
			 ORDER BY s.position, c.structure_id, c.child_name, c.id`
		)
		.all(...params) as ContractRow[];
	const history = new Map<string, ContractTerms[]>();
	for (const t of db
		.prepare('SELECT * FROM contract_terms ORDER BY contract_id, effective_from, id')
		.all() as Parameters<typeof termsFromRow>[0][]) {
		const list = history.get(t.contract_id) ?? [];
		list.push(termsFromRow(t));
		history.set(t.contract_id, list);
	}
	const today = todayInParis(new Date(now));
	return rows.map((r) => summary(db, r, history.get(r.id) ?? [], today));
}

export function contractDetail(db: Db, now: number, id: string) {
	const r = contractRow(db, id);
	if (!r) return null;
	const history = (
		db
			.prepare('SELECT * FROM contract_terms WHERE contract_id = ? ORDER BY effective_from, id')
			.all(id) as Parameters<typeof termsFromRow>[0][]
	).map(termsFromRow);
	const entries = (
		db
			.prepare(
				`SELECT * FROM billing_entries WHERE contract_id = ? AND deleted_at IS NULL
				 ORDER BY month DESC, created_at, rowid`
			)
			.all(id) as Parameters<typeof entryFromRow>[0][]
	).map(entryFromRow);
	const invoicedMonths = db
		.prepare(`SELECT month FROM invoices WHERE contract_id = ? AND kind = 'invoice' ORDER BY month`)
		.pluck()
		.all(id) as string[];
	const today = todayInParis(new Date(now));
	return {
		...summary(db, r, history, today),
		terms: history.map((t) => termsView(db, t)),
		currentTerms: summary(db, r, history, today).terms,
		entries: entries.map((e) => entryView(db, e)),
		invoicedMonths
	};
}
