// The requests list's query: filters and sort read from the URL (French 400 for a bad value), then
// keyset pagination over `request_index` (migration 008). Each page walks one index in the order it
// returns rows, from the cursor on: no sort step, no offset, the same cost on page 1 and page 400.
// A filter with several values (statuses, or a structure wished as 1st, 2nd or 3rd choice) walks
// one range per value and merges them; a name search walks `request_terms` by prefix.
import type { Database, Statement } from 'better-sqlite3';
import { REQUEST_DOC_TYPES } from '../../src/lib/domain/documents';
import { REQUEST_STATUSES } from '../../src/lib/domain/request-status';
import { isRealDate } from '../../src/lib/domain/validation';
import { ApiError } from '../http/errors';
import { searchWords } from './request-index';

type Db = Database;

export const SORTS = [
	'submitted',
	'-submitted',
	'updated',
	'-updated',
	'number',
	'-number'
] as const;
export type Sort = (typeof SORTS)[number];
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export interface RequestFilters {
	types: string[];
	statuses: string[];
	structure: string | null;
	commission: string | null;
	/** Submitted at or after (ISO instant: Paris midnight of the `from` day). */
	from: string | null;
	/** Submitted before (ISO instant: Paris midnight of the day after `to`). */
	before: string | null;
	search: { number: number } | { words: string[] } | null;
}

export interface Cursor {
	key: string | number;
	number: number;
}

export interface ListQuery {
	filters: RequestFilters;
	sort: Sort;
	cursor: Cursor | null;
	limit: number;
}

/** A row of `request_index`, as the list and the CSV read it. */
export interface IndexRow {
	number: number;
	household_id: string;
	type: string;
	status: string;
	submitted_at: string;
	updated_at: string;
	family_last_name: string;
	family_first_names: string;
	people: string;
	choice1: string | null;
	choice2: string | null;
	choice3: string | null;
	wished_date: string | null;
	commission: string | null;
}

const bad = (field: string, message: string) =>
	new ApiError(400, 'invalid_query', message, { [field]: message });

/** Values of a repeatable parameter: `status=a&status=b` or `status=a,b`. */
function listParam(params: URLSearchParams, name: string): string[] {
	return params
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

function parisOffsetMs(at: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: 'Europe/Paris',
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(at));
	const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	return wall - Math.floor(at / 60_000) * 60_000;
}

/** The instant a Europe/Paris day begins, as an ISO string (`2027-03-28` → `2027-03-27T23:00:00.000Z`). */
export function parisDayStart(day: string): string {
	const wall = Date.parse(`${day}T00:00:00Z`);
	const first = wall - parisOffsetMs(wall);
	return new Date(wall - parisOffsetMs(first)).toISOString();
}

function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

function parseDay(params: URLSearchParams, name: 'from' | 'to', label: string): string | null {
	const value = params.get(name)?.trim();
	if (!value) return null;
	if (!isRealDate(value))
		throw bad(name, `La date « ${label} » doit être une date valide (AAAA-MM-JJ) : « ${value} ».`);
	return value;
}

const NUMBER_QUERY = /^(?:n\s*[°º.o]?\s*|#\s*)?(\d{1,9})$/i;

function parseSearch(raw: string | null): RequestFilters['search'] {
	const q = raw?.trim() ?? '';
	if (q === '') return null;
	if (q.length > 100) throw bad('q', 'La recherche est trop longue : 100 caractères au plus.');
	const number = NUMBER_QUERY.exec(q);
	if (number) return { number: Number(number[1]) };
	const words = [...new Set(searchWords(q))].slice(0, 6);
	if (words.length === 0)
		throw bad('q', 'La recherche doit contenir au moins une lettre ou un chiffre.');
	return { words };
}

function encodeCursor(sort: Sort, key: string | number, number: number): string {
	return Buffer.from(JSON.stringify([sort, key, number])).toString('base64url');
}

function decodeCursor(raw: string, sort: Sort): Cursor {
	const invalid = bad(
		'cursor',
		'Le curseur de pagination n’est pas valide pour ce tri : revenez à la première page.'
	);
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
	} catch {
		throw invalid;
	}
	if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) throw invalid;
	const [, key, number] = parsed as [unknown, unknown, unknown];
	if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalid;
	const numeric = sort === 'number' || sort === '-number';
	if (numeric ? key !== number : typeof key !== 'string' || key.length > 40) throw invalid;
	return { key: key as string | number, number };
}

/** Reads the list's parameters; throws a French 400 for a value it cannot use. */
export function parseListQuery(
	params: URLSearchParams,
	isStructure: (id: string) => boolean
): ListQuery {
	const types = listParam(params, 'type');
	const unknownType = types.find((t) => !(REQUEST_DOC_TYPES as readonly string[]).includes(t));
	if (unknownType)
		throw bad(
			'type',
			`Le type « ${unknownType} » n’existe pas : preinscription (préinscription en crèche) ou entourage (déclaration d’entourage).`
		);
	const statuses = listParam(params, 'status');
	const unknownStatus = statuses.find((s) => !(REQUEST_STATUSES as string[]).includes(s));
	if (unknownStatus)
		throw bad(
			'status',
			`Le statut « ${unknownStatus} » n’existe pas. Statuts possibles : ${REQUEST_STATUSES.join(', ')}.`
		);
	const structure = params.get('structure')?.trim() || null;
	if (structure && !isStructure(structure))
		throw bad('structure', `La structure « ${structure} » n’existe pas.`);
	const commission = params.get('commission')?.trim() || null;
	if (commission && !/^\d{4}-(0[1-9]|1[0-2])$/.test(commission))
		throw bad(
			'commission',
			'La commission s’indique par son année et son mois, par exemple 2027-03 pour mars 2027.'
		);
	const from = parseDay(params, 'from', 'du');
	const to = parseDay(params, 'to', 'au');
	if (from && to && from > to)
		throw bad('to', 'La date de fin de la période ne peut pas précéder sa date de début.');
	const sortParam = params.get('sort')?.trim() || 'submitted';
	if (!(SORTS as readonly string[]).includes(sortParam))
		throw bad('sort', `Le tri doit être l’un de : ${SORTS.join(', ')}.`);
	const sort = sortParam as Sort;
	const limitParam = params.get('limit')?.trim();
	const limit = limitParam ? Number(limitParam) : DEFAULT_LIMIT;
	if (!/^\d+$/.test(limitParam ?? '50') || limit < 1 || limit > MAX_LIMIT)
		throw bad('limit', `Le nombre de demandes par page doit être un entier de 1 à ${MAX_LIMIT}.`);
	const cursorParam = params.get('cursor')?.trim();
	return {
		filters: {
			types: [...new Set(types)],
			statuses: [...new Set(statuses)],
			structure,
			commission,
			from: from ? parisDayStart(from) : null,
			before: to ? parisDayStart(nextDay(to)) : null,
			search: parseSearch(params.get('q'))
		},
		sort,
		cursor: cursorParam ? decodeCursor(cursorParam, sort) : null,
		limit
	};
}

const COLUMNS = `number, household_id, type, status, submitted_at, updated_at, family_last_name,
	family_first_names, people, choice1, choice2, choice3, wished_date, commission`;

const SORT_COLUMN: Record<Sort, 'submitted_at' | 'updated_at' | 'number'> = {
	submitted: 'submitted_at',
	'-submitted': 'submitted_at',
	updated: 'updated_at',
	'-updated': 'updated_at',
	number: 'number',
	'-number': 'number'
};
const INDEX_SUFFIX = { submitted_at: 'submitted', updated_at: 'updated', number: 'number' };

/** One walk: an index range (a filter's value, or none) in the sort's order. */
interface Walk {
	column: string | null;
	value: string | null;
}

/**
 * The walks of a query: by the filter likely to keep the fewest rows (commission, then structure,
 * then status, then type), one per value; everything else is checked on the rows walked.
 */
function walksOf(f: RequestFilters): { walks: Walk[]; driving: string | null } {
	if (f.commission)
		return { walks: [{ column: 'commission', value: f.commission }], driving: 'commission' };
	if (f.structure)
		return {
			walks: ['choice1', 'choice2', 'choice3'].map((column) => ({ column, value: f.structure })),
			driving: 'structure'
		};
	if (f.statuses.length)
		return { walks: f.statuses.map((value) => ({ column: 'status', value })), driving: 'status' };
	if (f.types.length)
		return { walks: f.types.map((value) => ({ column: 'type', value })), driving: 'type' };
	return { walks: [{ column: null, value: null }], driving: null };
}

interface Sql {
	sql: string;
	params: (string | number)[];
}

/** Above this many words beginning with the searched one, a search sorts its matches instead. */
const MAX_TERM_WALKS = 40;

/**
 * The SQL of each walk of a page (exported for the query-plan test). A name search sorted by
 * submission walks each of `terms` (the indexed words the search's longest word begins) in order.
 */
export function pageSql(query: ListQuery, take: number, terms: string[] = []): Sql[] {
	const f = query.filters;
	const column = SORT_COLUMN[query.sort];
	const dir = query.sort.startsWith('-') ? 'ASC' : 'DESC';
	const cmp = dir === 'DESC' ? '<' : '>';
	const where: string[] = [];
	const params: (string | number)[] = [];
	const { walks, driving } = f.search ? { walks: [], driving: 'search' } : walksOf(f);
	if (f.commission && driving !== 'commission') {
		where.push('commission = ?');
		params.push(f.commission);
	}
	if (f.structure && driving !== 'structure') {
		where.push('(choice1 = ? OR choice2 = ? OR choice3 = ?)');
		params.push(f.structure, f.structure, f.structure);
	}
	if (f.statuses.length && driving !== 'status') {
		where.push(`status IN (${f.statuses.map(() => '?').join(', ')})`);
		params.push(...f.statuses);
	}
	if (f.types.length && driving !== 'type') {
		where.push(`type IN (${f.types.map(() => '?').join(', ')})`);
		params.push(...f.types);
	}
	// The submission range and the cursor, on the walked index's columns.
	const range = (at: string, n: string) => {
		const r: string[] = [];
		const p: (string | number)[] = [];
		if (f.from) {
			r.push(`${at} >= ?`);
			p.push(f.from);
		}
		if (f.before) {
			r.push(`${at} < ?`);
			p.push(f.before);
		}
		if (query.cursor) {
			if (column === 'number') r.push(`${n} ${cmp} ?`);
			else r.push(`(${column === 'submitted_at' ? at : column}, ${n}) ${cmp} (?, ?)`);
			if (column !== 'number') p.push(query.cursor.key);
			p.push(query.cursor.number);
		}
		return { r, p };
	};
	const order =
		column === 'number' ? `ORDER BY number ${dir}` : `ORDER BY ${column} ${dir}, number ${dir}`;
	if (f.search && 'words' in f.search && column === 'submitted_at' && terms.length > 0) {
		// Each indexed word the longest searched word begins, walked in submission order; the
		// other words must begin a word of the request's folded names.
		const others = byLength(f.search.words).slice(1);
		const { r, p } = range('at', 'n');
		const words = others.map(() => 'instr(search_key, ?) > 0');
		return terms.map((term) => ({
			sql: `SELECT ${COLUMNS} FROM request_terms JOIN request_index ON number = n
			 WHERE term = ? ${[...r, ...words, ...where].map((c) => `AND ${c}`).join(' ')}
			 ORDER BY at ${dir}, n ${dir} LIMIT ?`,
			params: [term, ...p, ...others.map((w) => ` ${w}`), ...params, take]
		}));
	}
	const { r, p } = range('submitted_at', 'number');
	if (f.search) {
		const search: string[] = [];
		const searchParams: (string | number)[] = [];
		if ('number' in f.search) {
			search.push('number = ?');
			searchParams.push(f.search.number);
		} else
			for (const word of f.search.words) {
				search.push('number IN (SELECT n FROM request_terms WHERE term >= ? AND term < ?)');
				searchParams.push(word, `${word}\uffff`);
			}
		const all = [...search, ...r, ...where];
		return [
			{
				sql: `SELECT ${COLUMNS} FROM request_index NOT INDEXED WHERE ${all.join(' AND ')} ${order} LIMIT ?`,
				params: [...searchParams, ...p, ...params, take]
			}
		];
	}
	return walks.map((walk) => {
		const index = walk.column
			? `INDEXED BY request_index_${walk.column}_${INDEX_SUFFIX[column]}`
			: column === 'number'
				? 'NOT INDEXED'
				: `INDEXED BY request_index_${INDEX_SUFFIX[column]}`;
		const conditions = [...(walk.column ? [`${walk.column} = ?`] : []), ...r, ...where];
		const sqlWhere = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
		return {
			sql: `SELECT ${COLUMNS} FROM request_index ${index} ${sqlWhere} ${order} LIMIT ?`,
			params: [...(walk.column ? [walk.value!] : []), ...p, ...params, take]
		};
	});
}

/** Longest first: the longest word is likely to match the fewest names. */
function byLength(words: string[]): string[] {
	return [...words].sort((a, b) => b.length - a.length);
}

const statementCache = new WeakMap<Db, Map<string, Statement>>();

/** Prepared once per connection and SQL text: a page runs the same few statements every time. */
function prepared(db: Db, sql: string): Statement {
	let cache = statementCache.get(db);
	if (!cache) statementCache.set(db, (cache = new Map()));
	let statement = cache.get(sql);
	if (!statement) {
		if (cache.size > 500) cache.clear();
		cache.set(sql, (statement = db.prepare(sql)));
	}
	return statement;
}

/** The indexed words `word` begins, in order, at most MAX_TERM_WALKS + 1 (one range step each). */
export function termsBeginning(db: Db, word: string): string[] {
	const next = prepared(
		db,
		'SELECT term FROM request_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT 1'
	);
	const terms: string[] = [];
	let from = word;
	while (terms.length <= MAX_TERM_WALKS) {
		const term = next.pluck().get(from, `${word}\uffff`) as string | undefined;
		if (term === undefined) break;
		terms.push(term);
		from = `${term}\u0000`;
	}
	return terms;
}

/** One page of the list, and the cursor of the next one (null on the last page). */
export function listRequests(
	db: Db,
	query: ListQuery
): { rows: IndexRow[]; next: Cursor | null; nextCursor: string | null } {
	const take = query.limit + 1;
	const column = SORT_COLUMN[query.sort];
	const asc = query.sort.startsWith('-');
	const search = query.filters.search;
	let terms: string[] = [];
	if (search && 'words' in search && column === 'submitted_at') {
		terms = termsBeginning(db, byLength(search.words)[0]!);
		if (terms.length === 0) return { rows: [], next: null, nextCursor: null };
		if (terms.length > MAX_TERM_WALKS) terms = [];
	}
	const lists = pageSql(query, take, terms).map(
		({ sql, params }) => prepared(db, sql).all(...params) as IndexRow[]
	);
	let rows = lists.length === 1 ? lists[0]! : lists.flat();
	if (lists.length > 1) {
		rows.sort((a, b) => {
			const ka = a[column];
			const kb = b[column];
			const c = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
			return asc ? c : -c;
		});
		// A request whose names hold two words the search begins is in two walks: kept once.
		rows = rows.filter((r, i) => i === 0 || r.number !== rows[i - 1]!.number).slice(0, take);
	}
	if (rows.length <= query.limit) return { rows, next: null, nextCursor: null };
	rows = rows.slice(0, query.limit);
	const last = rows.at(-1)!;
	const next = { key: last[column], number: last.number };
	return { rows, next, nextCursor: encodeCursor(query.sort, next.key, next.number) };
}
