// The staff desk's requests list, export and inbox count (issue 9, item 3), through the real app:
// requests made by real submissions (PouchDB client → /sync → projector) and, for volume, families
// seeded by direct SQL (seed-requests.ts) the way the projector leaves them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextCommission } from '../../src/lib/domain/commission';
import { REQUEST_STATUSES } from '../../src/lib/domain/request-status';
import Database from 'better-sqlite3';
import { listMigrations, migrate } from '../db';
import {
	createHarness,
	signedInParent,
	signedInStaff,
	type CookieJar,
	type Harness
} from '../test/harness';
import { listen, type RunningServer } from '../../sync/server/test-harness';
import { localDb, Pouch } from '../../sync/test/pouch';
import { submittedPreinscription } from '../../sync/test/factories';
import { refreshRequestIndex } from './request-index';
import { pageSql, parseListQuery, termsBeginning } from './request-query';
import { seedRequests } from './seed-requests';

interface Item {
	number: number;
	type: string;
	status: string;
	submittedAt: string;
	updatedAt: string;
	householdId: string;
	people: { firstNames: string; lastName: string }[];
	family: { lastName: string; firstNames: string };
	structureIds: string[];
	commission: string | null;
}

const STRUCTURES = ['cocon-de-soie', 'grain-d-aile', 'les-cedres', 'graine-de-malice'];

async function list(h: Harness, jar: CookieJar, query = '') {
	const res = await h.call('GET', `/api/agent/requests${query ? `?${query}` : ''}`, undefined, jar);
	expect(res.status).toBe(200);
	return (await res.json()) as { items: Item[]; nextCursor: string | null };
}

/** Every page of a query, in order. */
async function walk(h: Harness, jar: CookieJar, query: string, between?: () => void) {
	const seen: Item[] = [];
	let cursor: string | null = null;
	do {
		const page = await list(h, jar, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
		seen.push(...page.items);
		cursor = page.nextCursor;
		between?.();
	} while (cursor);
	return seen;
}

/** The Europe/Paris day of an instant. */
const parisDay = (iso: string) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(iso));

describe('requests made by families through sync', () => {
	let h: Harness;
	let server: RunningServer;
	let agent: CookieJar;

	/** A parent registers, declares a child, then submits a preinscription for it (two requests). */
	async function familySubmits(
		family: { lastName: string; firstNames: string },
		child: { firstNames: string; lastName: string },
		choices: string[]
	) {
		const { jar } = await signedInParent(h, family);
		const me = await (await h.call('GET', '/api/me', undefined, jar)).json();
		const remote = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`, {
			headers: { cookie: jar.header() }
		});
		const device = localDb();
		const childId = randomUUID();
		await device.put({
			_id: `entourage:${randomUUID()}`,
			type: 'entourage',
			state: 'submitted',
			members: [{ id: childId, role: 'child', ...child, birthDate: '2025-03-14' }]
		});
		await Pouch.replicate(device, remote);
		await device.put(submittedPreinscription({ childId, choices }));
		await Pouch.replicate(device, remote);
		return { householdId: me.household.id as string, jar };
	}

	let lefevre: string;
	beforeAll(async () => {
		h = createHarness();
		server = await listen(h.app);
		agent = (await signedInStaff(h)).jar;
		lefevre = (
			await familySubmits(
				{ lastName: 'Lefèvre', firstNames: 'Marie' },
				{ firstNames: 'Léa', lastName: 'Lefèvre' },
				['cocon-de-soie', 'grain-d-aile']
			)
		).householdId;
		h.clock.advance(3600_000);
		await familySubmits(
			{ lastName: 'Dupré', firstNames: 'Noël' },
			{ firstNames: 'Éloïse', lastName: 'Martin-Dupré' },
			['les-cedres']
		);
	});
	afterAll(() => server.close());

	it('lists each request, newest first, with its family, the people concerned, the wished structures and the commission', async () => {
		const { items, nextCursor } = await list(h, agent);
		expect(nextCursor).toBeNull();
		expect(items.map((i) => [i.number, i.type])).toEqual([
			[4, 'preinscription'],
			[3, 'entourage'],
			[2, 'preinscription'],
			[1, 'entourage']
		]);
		expect(items[2]).toEqual({
			number: 2,
			type: 'preinscription',
			status: 'Déposée',
			submittedAt: '2026-11-26T09:00:00.000Z',
			updatedAt: '2026-11-26T09:00:00.000Z',
			householdId: lefevre,
			people: [{ firstNames: 'Léa', lastName: 'Lefèvre' }],
			family: { lastName: 'Lefèvre', firstNames: 'Marie' },
			structureIds: ['cocon-de-soie', 'grain-d-aile'],
			wishedDate: '2027-09-01',
			// Submitted in November 2026: examined by the December session.
			commission: '2026-12'
		});
		expect(items[3]).toMatchObject({ people: [{ firstNames: 'Léa', lastName: 'Lefèvre' }] });
		expect(items[3]!.commission).toBeNull();
	});

	it('finds a request by family name or child name without accents or case, and by number', async () => {
		const numbers = async (q: string) =>
			(await list(h, agent, `q=${encodeURIComponent(q)}`)).items.map((i) => i.number);
		expect(await numbers('lefevre')).toEqual([2, 1]);
		// « Martin-Dupré » and « Dupré »: two words that « dup » begins, each request once.
		expect(await numbers('dup')).toEqual([4, 3]);
		expect(await numbers('LEFÈVRE')).toEqual([2, 1]);
		expect(await numbers('lef')).toEqual([2, 1]);
		expect(await numbers('eloise')).toEqual([4, 3]);
		expect(await numbers('martin dupre')).toEqual([4, 3]);
		expect(await numbers('Marie Lefèvre')).toEqual([2, 1]);
		expect(await numbers('marie dupre')).toEqual([]);
		expect(await numbers('3')).toEqual([3]);
		expect(await numbers('n° 2')).toEqual([2]);
		expect(await numbers('N°4')).toEqual([4]);
		expect(await numbers('99')).toEqual([]);
		const entourages = await list(h, agent, 'q=lefevre&type=entourage');
		expect(entourages.items.map((i) => i.number)).toEqual([1]);
	});

	it('follows a status change made on the request, and a family that changes its name', async () => {
		h.db
			.prepare(
				"UPDATE requests SET status = 'Complète', version = version + 1, updated_at = ? WHERE number = 2"
			)
			.run('2026-11-27T08:00:00.000Z');
		const complete = await list(h, agent, 'status=Complète');
		expect(complete.items.map((i) => [i.number, i.status, i.updatedAt])).toEqual([
			[2, 'Complète', '2026-11-27T08:00:00.000Z']
		]);
		expect((await list(h, agent, 'sort=updated')).items[0]!.number).toBe(2);
		h.db
			.prepare("UPDATE users SET last_name = 'Lefèvre-Rossi' WHERE household_id = ?")
			.run(lefevre);
		const renamed = await list(h, agent, 'q=rossi');
		expect(renamed.items.map((i) => [i.number, i.family.lastName])).toEqual([
			[2, 'Lefèvre-Rossi'],
			[1, 'Lefèvre-Rossi']
		]);
	});

	it('counts the requests waiting in the inbox (Déposée, Pièces reçues)', async () => {
		const count = async () =>
			(await (await h.call('GET', '/api/agent/inbox/count', undefined, agent)).json()).count;
		const before = await count();
		expect(before).toBe(
			(
				h.db
					.prepare(
						"SELECT COUNT(*) AS n FROM requests WHERE status IN ('Déposée', 'Pièces reçues')"
					)
					.get() as { n: number }
			).n
		);
		h.db.prepare("UPDATE requests SET status = 'Pièces reçues' WHERE number = 2").run();
		expect(await count()).toBe(before + 1);
		h.db.prepare("UPDATE requests SET status = 'En cours d’instruction' WHERE number = 4").run();
		expect(await count()).toBe(before);
	});

	it('answers 401 to an anonymous caller and 403 to a parent, on the list, the export and the count', async () => {
		const parent = await signedInParent(h);
		for (const path of [
			'/api/agent/requests',
			'/api/agent/requests.csv',
			'/api/agent/inbox/count'
		]) {
			expect((await h.call('GET', path)).status).toBe(401);
			const res = await h.call('GET', path, undefined, parent.jar);
			expect(res.status).toBe(403);
			expect((await res.json()).error.message).toBe('Vous n’avez pas accès à cette page.');
		}
	});
});

describe('a large file of requests', () => {
	let h: Harness;
	let agent: CookieJar;
	let all: {
		number: number;
		type: string;
		status: string;
		submitted_at: string;
		updated_at: string;
		choices: string[];
		/** The words of the family's and the child's names, lower-case, without accents. */
		names: string[];
	}[];

	/** The expected rows of a query, computed from `requests` and the submitted documents. */
	function expected(keep: (r: (typeof all)[number]) => boolean) {
		return all
			.filter(keep)
			.sort((a, b) => b.submitted_at.localeCompare(a.submitted_at) || b.number - a.number);
	}

	beforeAll(async () => {
		h = createHarness();
		agent = (await signedInStaff(h)).jar;
		// 120 requests every 30 minutes across the change to summer time (29 March 2026 in Paris),
		// for the June commission.
		seedRequests(h.db, {
			households: 60,
			structures: STRUCTURES,
			startAt: Date.UTC(2026, 2, 28, 12, 0),
			stepMs: 30 * 60_000
		});
		// 40 more submitted in the same millisecond, in February (the March commission): the cursor
		// must tell them apart by number.
		seedRequests(h.db, {
			households: 20,
			structures: STRUCTURES,
			startAt: Date.UTC(2026, 1, 27, 10, 0),
			stepMs: 0
		});
		const statuses = REQUEST_STATUSES;
		h.db
			.prepare('UPDATE requests SET status = ?, updated_at = ? WHERE number % 7 = 0')
			.run(statuses[6], '2026-04-02T10:00:00.000Z');
		all = (
			h.db
				.prepare(
					`SELECT q.number, q.type, q.status, q.submitted_at, q.updated_at, r.body,
					 u.last_name || ' ' || u.first_names || ' ' || (
						SELECT group_concat(json_extract(m.value, '$.lastName') || ' ' || json_extract(m.value, '$.firstNames'), ' ')
						FROM sync_revs e, json_each(e.body, '$.members') m
						WHERE e.db = r.db AND e.doc_id LIKE 'entourage:%') AS names
					 FROM requests q
					 JOIN sync_revs r ON r.db = 'hh-' || q.household_id AND r.doc_id = q.doc_id AND r.rev = q.doc_rev
					 JOIN users u ON u.household_id = q.household_id`
				)
				.all() as {
				number: number;
				type: string;
				status: string;
				submitted_at: string;
				updated_at: string;
				body: string;
				names: string;
			}[]
		).map(({ body, names, ...r }) => ({
			...r,
			choices: (JSON.parse(body).choices ?? []) as string[],
			names: names
				.normalize('NFD')
				.replace(/[\u0300-\u036f]/g, '')
				.toLowerCase()
				.split(/[^a-z]+/)
		}));
	});

	it('each filter, alone and together, over every page, gives exactly the matching requests in order', async () => {
		const commission = (r: (typeof all)[number]) => {
			const c = nextCommission(new Date(r.submitted_at));
			return r.type === 'preinscription' ? `${c.year}-${String(c.month).padStart(2, '0')}` : null;
		};
		const cases: [string, (r: (typeof all)[number]) => boolean][] = [
			['', () => true],
			['type=entourage', (r) => r.type === 'entourage'],
			['type=preinscription', (r) => r.type === 'preinscription'],
			['status=Classée sans suite', (r) => r.status === 'Classée sans suite'],
			['status=Déposée,Refusée', (r) => ['Déposée', 'Refusée'].includes(r.status)],
			[
				'status=Déposée&status=Complète&type=preinscription',
				(r) => ['Déposée', 'Complète'].includes(r.status) && r.type === 'preinscription'
			],
			['structure=grain-d-aile', (r) => r.choices.includes('grain-d-aile')],
			[
				'structure=les-cedres&status=Déposée,Complète,Pièces reçues',
				(r) =>
					r.choices.includes('les-cedres') &&
					['Déposée', 'Complète', 'Pièces reçues'].includes(r.status)
			],
			['commission=2026-03', (r) => commission(r) === '2026-03'],
			['q=Lefèvre', (r) => r.names.some((w) => w.startsWith('lefevre'))],
			['q=le', (r) => r.names.some((w) => w.startsWith('le'))],
			[
				'q=l a&status=Déposée,Refusée,Complète',
				(r) =>
					r.names.some((w) => w.startsWith('l')) &&
					r.names.some((w) => w.startsWith('a')) &&
					['Déposée', 'Refusée', 'Complète'].includes(r.status)
			],
			['commission=2026-06', (r) => commission(r) === '2026-06'],
			[
				'commission=2026-06&structure=cocon-de-soie',
				(r) => commission(r) === '2026-06' && r.choices.includes('cocon-de-soie')
			],
			['from=2026-03-29&to=2026-03-29', (r) => parisDay(r.submitted_at) === '2026-03-29'],
			['from=2026-03-30', (r) => parisDay(r.submitted_at) >= '2026-03-30'],
			[
				'to=2026-02-27&type=entourage',
				(r) => parisDay(r.submitted_at) <= '2026-02-27' && r.type === 'entourage'
			]
		];
		for (const [query, keep] of cases) {
			const want = expected(keep).map((r) => r.number);
			expect(want.length, query).toBeGreaterThan(0);
			const got = (await walk(h, agent, `limit=7&${encodeURI(query)}`)).map((i) => i.number);
			expect(got, query).toEqual(want);
		}
		// Both ends of the summer-time day are in Paris time: 23:30 UTC on the 28th is the 29th.
		expect(all.some((r) => r.submitted_at === '2026-03-28T23:30:00.000Z')).toBe(true);
		expect(parisDay('2026-03-28T23:30:00.000Z')).toBe('2026-03-29');
	});

	it('sorts by submission (both ways), by number and by last update', async () => {
		const numbers = (items: Item[]) => items.map((i) => i.number);
		const byDate = expected(() => true).map((r) => r.number);
		expect(numbers(await walk(h, agent, 'limit=13&sort=-submitted'))).toEqual(
			[...byDate].reverse()
		);
		const byNumber = all.map((r) => r.number).sort((a, b) => b - a);
		expect(numbers(await walk(h, agent, 'limit=13&sort=number'))).toEqual(byNumber);
		expect(numbers(await walk(h, agent, 'limit=13&sort=-number&type=entourage'))).toEqual(
			all
				.filter((r) => r.type === 'entourage')
				.map((r) => r.number)
				.sort((a, b) => a - b)
		);
		const byUpdate = [...all]
			.sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.number - a.number)
			.map((r) => r.number);
		expect(numbers(await walk(h, agent, 'limit=13&sort=updated'))).toEqual(byUpdate);
		expect(
			numbers(await walk(h, agent, 'limit=200&sort=-updated&status=Classée sans suite'))
		).toEqual(
			all
				.filter((r) => r.status === 'Classée sans suite')
				.sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.number - b.number)
				.map((r) => r.number)
		);
	});

	it('keyset pagination walks every request exactly once while new requests arrive', async () => {
		const before = new Set(all.map((r) => r.number));
		const added: number[] = [];
		const arrive = () =>
			added.push(
				...seedRequests(h.db, {
					households: 1,
					structures: STRUCTURES,
					startAt: Date.UTC(2026, 3, 1, 8, 0) + added.length * 60_000,
					stepMs: 1000
				})
			);
		const newestFirst = (await walk(h, agent, 'limit=9', arrive)).map((i) => i.number);
		expect(new Set(newestFirst).size).toBe(newestFirst.length);
		// Newer requests arrive before the first page's position: the walk does not see them, and
		// does not repeat or skip the others.
		expect(new Set(newestFirst)).toEqual(before);
		const oldestFirst = (await walk(h, agent, 'limit=9&sort=-submitted', arrive)).map(
			(i) => i.number
		);
		expect(new Set(oldestFirst).size).toBe(oldestFirst.length);
		// Oldest first, the new ones come after the cursor: each is seen once, at the end.
		for (const n of before) expect(oldestFirst).toContain(n);
		expect(oldestFirst.slice(before.size)).toEqual(
			added.slice(0, oldestFirst.length - before.size)
		);
	});

	it('every list query walks an index range in its order; a name search walks the search terms', () => {
		const queries = [
			'',
			'sort=-submitted',
			'sort=updated',
			'sort=-number',
			'status=Déposée,Complète',
			'type=entourage&sort=updated',
			'structure=les-cedres&sort=number',
			'commission=2027-03&status=Déposée&type=preinscription',
			'from=2026-01-01&to=2026-02-01',
			'q=n° 12'
		];
		for (const q of queries) {
			const query = parseListQuery(new URLSearchParams(q), () => true);
			query.cursor = { key: q.includes('number') ? 12 : '2026-03-29T10:00:00.000Z', number: 12 };
			for (const { sql, params } of pageSql(query, 51)) {
				const plan = (
					h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
				)
					.map((p) => p.detail)
					.join(' | ');
				expect(plan, q).toMatch(
					/^SEARCH request_index USING (INDEX request_index_\w+|INTEGER PRIMARY KEY) \(/
				);
				expect(plan, q).not.toMatch(/TEMP B-TREE|SCAN/);
			}
		}
		const planOf = (sql: string, params: (string | number)[]) =>
			(h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
				.map((p) => p.detail)
				.join(' | ');
		// Sorted by submission, a name search walks each word its longest word begins, in order.
		const search = parseListQuery(new URLSearchParams('q=lef marie&status=Déposée'), () => true);
		search.cursor = { key: '2026-03-29T10:00:00.000Z', number: 12 };
		const terms = termsBeginning(h.db, 'marie');
		expect(terms).toEqual(['marie']);
		expect(termsBeginning(h.db, 'le')).toEqual(
			h.db
				.prepare("SELECT DISTINCT term FROM request_terms WHERE term LIKE 'le%' ORDER BY term")
				.pluck()
				.all()
		);
		for (const { sql, params } of pageSql(search, 51, terms)) {
			const plan = planOf(sql, params);
			expect(plan).toMatch(
				/^SEARCH request_terms USING PRIMARY KEY \(term=\? AND \(at,n\)<\(\?,\?\)\) \| SEARCH request_index USING INTEGER PRIMARY KEY \(rowid=\?\)$/
			);
		}
		// In another order, it finds the matches by prefix and sorts them.
		const byUpdate = parseListQuery(
			new URLSearchParams('q=lefevre marie&sort=updated'),
			() => true
		);
		const [walk] = pageSql(byUpdate, 51);
		const plan = planOf(walk!.sql, walk!.params);
		expect(
			plan.match(
				/SEARCH request_terms USING (COVERING )?INDEX|SEARCH request_terms USING PRIMARY KEY \(term>\? AND term<\?\)/g
			)
		).toHaveLength(2);
		expect(plan).not.toMatch(/SCAN/);
	});

	it('exports the requests as CSV for a spreadsheet: BOM, semicolons, quoted cells, no formulas', async () => {
		const hh = h.db.prepare('SELECT household_id FROM requests WHERE number = 1').get() as {
			household_id: string;
		};
		h.db
			.prepare(`UPDATE users SET last_name = ?, first_names = ? WHERE household_id = ?`)
			.run('=HYPERLINK("http://x";"y")', 'Anne; "Nan"', hh.household_id);
		const res = await h.call(
			'GET',
			'/api/agent/requests.csv?type=preinscription&status=Déposée,Refusée',
			undefined,
			agent
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe(
			'attachment; filename="demandes-2026-11-26.csv"'
		);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect(
			h.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'requests.export'").all()
		).toEqual([
			{
				action: 'requests.export',
				detail: JSON.stringify({
					query: '?type=preinscription&status=D%C3%A9pos%C3%A9e,Refus%C3%A9e'
				})
			}
		]);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parseCsv(text);
		expect(rows[0]).toEqual([
			'N°',
			'Type',
			'Statut',
			'Déposée le',
			'Mise à jour',
			'Famille',
			'Enfant(s)',
			'Structures souhaitées',
			'Commission'
		]);
		const want = expected(
			(r) => r.type === 'preinscription' && ['Déposée', 'Refusée'].includes(r.status)
		);
		expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(want.map((r) => r.number));
		for (const row of rows.slice(1)) {
			expect(row).toHaveLength(9);
			expect(row[1]).toBe('Préinscription en crèche');
			expect(row[3]).toMatch(/^\d{2}\/\d{2}\/2026 à \d{2}:\d{2}$/);
			expect(['mars 2026', 'juin 2026']).toContain(row[8]);
		}
		// 28 March 2026, 12:30 UTC is 13:30 in Paris.
		const n2 = rows.find((r) => r[0] === '2');
		if (n2) expect(n2[3]).toBe('28/03/2026 à 13:30');
		const all1 = parseCsv(
			await (await h.call('GET', '/api/agent/requests.csv?q=1', undefined, agent)).text()
		);
		expect(all1[1]![5]).toBe(`'=HYPERLINK("http://x";"y") Anne; "Nan"`);
		expect(all1[1]![2]).toBe(
			h.db.prepare('SELECT status FROM requests WHERE number = 1').pluck().get()
		);
	});

	it('exports every row, page after page', async () => {
		seedRequests(h.db, {
			households: 300,
			structures: STRUCTURES,
			startAt: Date.UTC(2026, 4, 1),
			stepMs: 60_000
		});
		const total = h.db.prepare('SELECT COUNT(*) FROM requests').pluck().get() as number;
		expect(total).toBeGreaterThan(600);
		const rows = parseCsv(
			await (await h.call('GET', '/api/agent/requests.csv', undefined, agent)).text()
		);
		const numbers = rows.slice(1).map((r) => Number(r[0]));
		expect(numbers).toHaveLength(total);
		expect(new Set(numbers).size).toBe(total);
	});

	it('refuses a bad parameter with a French 400 naming it', async () => {
		const cases: [string, string, string][] = [
			['type=creche', 'type', 'Le type « creche » n’existe pas'],
			['status=Acceptée', 'status', 'Le statut « Acceptée » n’existe pas'],
			['structure=inconnue', 'structure', 'La structure « inconnue » n’existe pas.'],
			['commission=mars', 'commission', 'La commission s’indique par son année et son mois'],
			['commission=2027-13', 'commission', 'La commission s’indique'],
			['from=2026-02-30', 'from', 'La date « du » doit être une date valide (AAAA-MM-JJ)'],
			['to=hier', 'to', 'La date « au » doit être une date valide'],
			['from=2026-03-02&to=2026-03-01', 'to', 'La date de fin de la période ne peut pas précéder'],
			['sort=name', 'sort', 'Le tri doit être l’un de'],
			['limit=0', 'limit', 'Le nombre de demandes par page doit être un entier de 1 à 200.'],
			['limit=201', 'limit', 'de 1 à 200'],
			['limit=abc', 'limit', 'de 1 à 200'],
			['cursor=nimportequoi', 'cursor', 'Le curseur de pagination n’est pas valide'],
			[
				`sort=number&cursor=${(await list(h, agent, 'limit=1')).nextCursor}`,
				'cursor',
				'pour ce tri'
			],
			[`q=${'a'.repeat(101)}`, 'q', 'La recherche est trop longue'],
			['q=!!!', 'q', 'au moins une lettre ou un chiffre']
		];
		for (const [query, field, message] of cases) {
			const res = await h.call('GET', `/api/agent/requests?${encodeURI(query)}`, undefined, agent);
			expect(res.status, query).toBe(400);
			const body = await res.json();
			expect(body.error.message, query).toContain(message);
			expect(Object.keys(body.error.fields), query).toEqual([field]);
			const csv = await h.call(
				'GET',
				`/api/agent/requests.csv?${encodeURI(query)}`,
				undefined,
				agent
			);
			expect(csv.status, query).toBe(400);
		}
	});
});

describe('requests that existed before the list index', () => {
	it('are listed with their names once the migration has run', () => {
		// The database as it was before migration 008, with two families' requests projected then.
		const old = new Database(':memory:');
		old.pragma('foreign_keys = ON');
		migrate(
			old,
			listMigrations().filter((m) => m.version < 8)
		);
		seedRequests(old, {
			households: 2,
			structures: STRUCTURES,
			startAt: Date.UTC(2026, 0, 5),
			stepMs: 1000,
			lastName: () => 'Bénard',
			index: false,
			// The statuses of that time (before the commission's, migration 014).
			statuses: REQUEST_STATUSES.slice(0, 7)
		});
		// One written by hand, with no readable date: listed all the same, for no commission.
		old
			.prepare(
				`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
				 SELECT 'r5', 5, household_id, 'preinscription:x', 'preinscription', 'Déposée', 'x', 'x'
				 FROM requests LIMIT 1`
			)
			.run();
		migrate(old);
		expect(old.prepare('SELECT COUNT(*) FROM request_index WHERE indexed = 0').pluck().get()).toBe(
			5
		);
		expect(refreshRequestIndex(old)).toBe(5);
		const rows = old
			.prepare(
				'SELECT number, family_last_name, commission, people FROM request_index WHERE number < 5 ORDER BY number'
			)
			.all() as {
			number: number;
			family_last_name: string;
			commission: string | null;
			people: string;
		}[];
		expect(rows.map((r) => [r.number, r.family_last_name, r.commission])).toEqual([
			[1, 'Bénard', null],
			[2, 'Bénard', '2026-03'],
			[3, 'Bénard', null],
			[4, 'Bénard', '2026-03']
		]);
		expect(JSON.parse(rows[1]!.people)[0].lastName).toBe('Bénard');
		expect(
			old.prepare('SELECT commission FROM request_index WHERE number = 5').pluck().get()
		).toBeNull();
		expect(
			old.prepare("SELECT COUNT(*) FROM request_terms WHERE term = 'benard'").pluck().get()
		).toBe(5); // the hand-written one is in the first family too
	});
});

/** RFC 4180 with `;`: quoted cells, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ';') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += ch;
	}
	return rows;
}
