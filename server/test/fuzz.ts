// A seeded, bounded fuzzer: malformed requests on /api and /sync, signed in as a parent and
// anonymous, through app.request() on the real app and a real SQLite database. Counts answers by
// status; the aim is zero 5xx (issue 7). Used by fuzz.test.ts (fast) and `npm run fuzz` (longer).
import { createHarness, signedInParent, ORIGIN, type CookieJar } from './harness';
import { fakeFile } from '../../sync/test/factories';
import { digestOf } from '../../sync/server/attachments';

export interface FuzzReport {
	requests: number;
	byStatus: Record<number, number>;
	serverErrors: { method: string; path: string; body: string; status: number; answer: string }[];
	ms: number;
}

/** mulberry32: small, fast, reproducible. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const UUID = '6f1c0b8e-1f2a-4c3b-9d4e-5f6a7b8c9d0e';
const WEIRD = [
	'',
	' ',
	'-5',
	'0',
	'1',
	'1.5',
	'1e9',
	'abc',
	'[',
	'[]',
	'{}',
	'null',
	'true',
	'%',
	'%zz',
	'["1-a"]',
	'["1-a",2,null]',
	'99999999999999999999',
	'all',
	'now',
	'_doc_ids',
	'\u0000',
	'é',
	'x'.repeat(3000)
];
const NUMBERISH = ['-5', '-1', '0', '1', '2', 'abc', '[', '1.5', '99999999999999999999', 'true'];
const PARAMS = [
	'limit',
	'skip',
	'since',
	'style',
	'include_docs',
	'conflicts',
	'open_revs',
	'rev',
	'revs',
	'latest',
	'attachments',
	'filter',
	'doc_ids',
	'heartbeat',
	'feed',
	'timeout',
	'new_edits',
	'keys'
];

export async function runFuzz({
	seed = 1,
	count = 3000,
	maxMs = 60_000
}: {
	seed?: number;
	count?: number;
	maxMs?: number;
}): Promise<FuzzReport> {
	const random = prng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
	const chance = (p: number) => random() < p;
	const int = (max: number) => Math.floor(random() * max);

	const h = createHarness();
	const { jar } = await signedInParent(h);
	const me = (await (await h.call('GET', '/api/me', undefined, jar)).json()) as { syncUrl: string };
	const db = new URL(me.syncUrl).pathname.split('/')[2]!;
	const png = fakeFile('png', 200);
	const pngDigest = digestOf(png);
	const docIds = [
		`preinscription:${UUID}`,
		`piece:${UUID}`,
		`entourage:${UUID}`,
		'svc:status:x',
		'_design/x',
		'',
		'%2F',
		'a'.repeat(600)
	];
	const setupDoc = {
		_id: `piece:${UUID}`,
		type: 'piece',
		state: 'draft',
		_attachments: { 'page-1': { content_type: 'image/png', data: png.toString('base64') } }
	};
	await h.call('POST', `/sync/${db}/_bulk_docs`, { docs: [setupDoc] }, jar);

	const revish = () =>
		pick([
			() => `${int(5) + 1}-${int(1e6).toString(16)}`,
			() => pick(WEIRD),
			() => `${pick(['-1', '0', '1e3', '99999999999999999999', '1.5'])}-a`,
			() => `1-${'f'.repeat(int(100))}`,
			() => int(10)
		])();
	const jsonValue = (depth = 0): unknown => {
		if (depth > 4 || chance(0.4))
			return pick([null, true, -1, 0, 1e308, 'x', '', pick(WEIRD), { $: 1 }, []]);
		if (chance(0.5)) return Array.from({ length: int(4) }, () => jsonValue(depth + 1));
		return Object.fromEntries(
			Array.from({ length: int(4) }, () => [
				pick(['a', '_id', '_rev', 'type', 'state', '_x', 'docs', 'keys', 'doc_ids']),
				jsonValue(depth + 1)
			])
		);
	};
	const attachments = () =>
		pick([
			() => ({
				'p.png': {
					stub: true,
					digest: pngDigest,
					content_type: pick(['text/html', 'image/png', 'image/png\r\nX: 1', 5, ''])
				}
			}),
			() => ({
				'p.png': {
					content_type: pick(['image/png', 'x\ny', 'image/jpeg']),
					data: pick([png.toString('base64'), '!!', 5, ''])
				}
			}),
			() => ({ 'p.png': pick([null, 'x', [], { stub: true }, { stub: true, digest: 5 }]) }),
			() => pick([null, 'x', [], 5])
		])();
	const doc = (): unknown => {
		if (chance(0.1)) return jsonValue();
		const d: Record<string, unknown> = {
			_id: chance(0.9) ? pick(docIds) : jsonValue(),
			type: pick(['preinscription', 'piece', 'entourage', 'x', 5]),
			state: pick(['draft', 'submitted', 'x', null])
		};
		if (chance(0.6)) d._rev = revish();
		if (chance(0.4))
			d._revisions = pick([
				() => ({
					start: pick([1, 3, -1, 0, 1.5, 1e20, '2', null]),
					ids: Array.from({ length: int(5) }, () => pick(['a', 'b', 5, null, 'zz', 'f'.repeat(70)]))
				}),
				() => ({ start: 50_000, ids: Array.from({ length: 50_000 }, (_, i) => i.toString(16)) }),
				() => jsonValue()
			])();
		if (chance(0.2)) d._deleted = pick([true, false, 'yes']);
		if (chance(0.3)) d._attachments = attachments();
		if (chance(0.3))
			d[pick(['choices', 'members', 'wishedStartDate', '_conflicts', '_evil', 'observations'])] =
				jsonValue();
		return d;
	};
	const deepText = (n: number) =>
		chance(0.5) ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
	const malformed = () =>
		pick(['', '{', 'null', '[]', '"x"', '1e999', '{"docs":', '\u0000', deepText(int(20_000) + 1)]);

	const syncTarget = (): { method: string; path: string; body?: string } => {
		const dbName = chance(0.9) ? db : pick(['hh-x', `hh-${UUID}`, '_users', '', '%zz']);
		const id = encodeURIComponent(pick(docIds));
		const [method, sub, bodyOf]: [string, string, (() => unknown) | null] = pick([
			['GET', '', null],
			['GET', '/', null],
			['PUT', '', null],
			['DELETE', '', null],
			['GET', '/_changes', null],
			['POST', '/_changes', () => ({ doc_ids: pick([[pick(docIds)], 'x', [5], jsonValue()]) })],
			[
				'POST',
				'/_bulk_docs',
				() => ({ docs: Array.from({ length: int(5) }, doc), new_edits: pick([true, false, 'x']) })
			],
			[
				'POST',
				'/_bulk_get',
				() => ({
					docs: Array.from({ length: int(4) }, () =>
						pick([{ id: pick(docIds), rev: revish() }, jsonValue()])
					)
				})
			],
			[
				'POST',
				'/_revs_diff',
				() => ({ [pick(docIds)]: pick([[revish(), revish()], jsonValue()]) })
			],
			['GET', '/_all_docs', null],
			['POST', '/_all_docs', () => ({ keys: pick([[pick(docIds)], jsonValue()]) })],
			['GET', '/_local/rep', null],
			['PUT', '/_local/rep', () => jsonValue()],
			['DELETE', '/_local/rep', null],
			['GET', `/${id}`, null],
			['PUT', `/${id}`, doc],
			['DELETE', `/${id}`, null],
			['GET', `/${id}/page-1`, null],
			['GET', `/${id}/${pick(['x', '%zz', '..%2F..'])}`, null],
			['POST', '/_compact', () => jsonValue()]
		]);
		let body = bodyOf ? (chance(0.15) ? malformed() : JSON.stringify(bodyOf())) : undefined;
		// A document nested deeper than JSON.stringify can go, next to a valid one.
		if (sub === '/_bulk_docs' && chance(0.1))
			body = `{"docs":[${JSON.stringify(doc())},{"_id":"${docIds[0]}","type":"preinscription","x":${deepText(int(20_000) + 1)}}]}`;
		return { method, path: `/sync/${dbName}${sub}`, body };
	};
	const apiTarget = (): { method: string; path: string; body?: string } => {
		const [method, path] = pick([
			['GET', '/api/health'],
			['POST', '/api/auth/register'],
			['POST', '/api/auth/activate'],
			['POST', '/api/auth/activation/resend'],
			['POST', '/api/auth/login'],
			['POST', '/api/auth/logout'],
			['POST', '/api/auth/password-reset/request'],
			['POST', '/api/auth/password-reset/confirm'],
			['GET', `/api/auth/password-reset/${pick(['x', '%zz', 'a'.repeat(300), '..'])}`],
			['POST', '/api/auth/email-change/confirm'],
			['PUT', '/api/me/email'],
			['GET', '/api/contact'],
			['GET', '/api/me'],
			['GET', '/api/me/profile'],
			['PUT', '/api/me/profile'],
			['PUT', '/api/me/password'],
			['GET', '/api/structures'],
			['GET', '/api/demo/mails'],
			['GET', `/api/${pick(['x', '%zz', '..', 'me/%00'])}`],
			['DELETE', '/api/me']
		] as const);
		const body =
			method === 'GET' ? undefined : chance(0.3) ? malformed() : JSON.stringify(jsonValue());
		return { method, path, body };
	};

	const byStatus: Record<number, number> = {};
	const serverErrors: FuzzReport['serverErrors'] = [];
	const started = Date.now();
	let requests = 0;
	for (; requests < count && Date.now() - started < maxMs; requests++) {
		const target = chance(0.7) ? syncTarget() : apiTarget();
		const params = new URLSearchParams();
		for (let i = int(5); i > 0; i--)
			params.set(pick(PARAMS), chance(0.5) ? pick(NUMBERISH) : pick(WEIRD));
		if (chance(0.1)) params.set('filter', '_doc_ids');
		// A longpoll with nothing new waits for `timeout`: keep it short so the run stays bounded.
		if (chance(0.05)) params.set('feed', 'longpoll');
		if (params.get('feed') === 'longpoll') params.set('timeout', String(int(20)));
		const query = params.size ? `?${params}` : '';
		// A real server always sees Host (the CSRF check compares Origin with it).
		const headers: Record<string, string> = { host: new URL(ORIGIN).host };
		if (chance(0.9))
			headers['content-type'] = pick([
				'application/json',
				'application/json',
				'text/plain',
				'multipart/form-data; boundary=x',
				'\u00e9'
			]);
		if (chance(0.3))
			headers.origin = pick([
				ORIGIN,
				'garbage',
				'null',
				'http://',
				'http://[::1',
				'http://evil.example'
			]);
		else
			headers['sec-fetch-site'] = pick([
				'same-origin',
				'same-origin',
				'none',
				'cross-site',
				'garbage'
			]);
		// Signing out would end the parent's session for the rest of the run: that one goes anonymous.
		const signedIn: CookieJar | null = chance(0.8) && !target.path.endsWith('/logout') ? jar : null;
		if (signedIn) headers.cookie = signedIn.header();
		else if (chance(0.1))
			headers.cookie = `ef_session=${pick(['', 'x', 'a.b', '.', '%zz', 'x'.repeat(3000)])}`;
		let status: number;
		let answer = '';
		try {
			const res = await h.app.request(`${ORIGIN}${target.path}${query}`, {
				method: target.method,
				headers,
				body: target.body
			});
			status = res.status;
			answer = status >= 500 ? await res.text() : (await res.arrayBuffer(), '');
		} catch (err) {
			status = 599; // thrown out of the app: worse than a 500
			answer = String(err);
		}
		byStatus[status] = (byStatus[status] ?? 0) + 1;
		if (status >= 500 && serverErrors.length < 20)
			serverErrors.push({
				method: target.method,
				path: `${target.path}${query}`.slice(0, 300),
				body: (target.body ?? '').slice(0, 300),
				status,
				answer: answer.slice(0, 300)
			});
	}
	h.db.close();
	return { requests, byStatus, serverErrors, ms: Date.now() - started };
}
