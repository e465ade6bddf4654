// npm run bench:limits — the worst inputs /sync accepts (and a few it must refuse quickly), sent to
// the real server in its own process while /api/health is polled without pause. Prints each
// request's status and time and the slowest /api/health answer meanwhile (S-LIM-*).
// Aim: every request well under 1 s, /api/health never delayed more than ~100 ms.
import { randomUUID } from 'node:crypto';
import { startAppChild, type AppChild } from '../test/app-child';
import { fakeFile } from '../test/factories';
import {
	MAX_BULK_DOCS,
	MAX_DOC_BYTES,
	MAX_DOC_DEPTH,
	MAX_LOOKUPS,
	MAX_OPEN_LEAVES,
	MAX_REVISIONS_PER_REQUEST,
	MAX_TREE_NODES
} from '../server/limits';

const REVS_LIMIT = 1000;
const pid = () => `preinscription:${randomUUID()}`;
const hex = (i: number) => i.toString(16).padStart(32, '0');
/** A linear history; `short` hashes as in the 50 000-entry (439 KB) request. */
const history = (id: string, length: number, salt: number, short = false) => {
	const top = length;
	const ids = Array.from({ length }, (_, i) =>
		short ? (top - i).toString(16) : hex(salt * 1_000_000 + top - i)
	);
	return {
		_id: id,
		_rev: `${top}-${ids[0]}`,
		_revisions: { start: top, ids },
		type: 'preinscription',
		state: 'draft'
	};
};
const nested = (depth: number): unknown => {
	let v: unknown = 'fond';
	for (let i = 1; i < depth; i++) v = { n: v };
	return v;
};

const pieceDoc = (bytes: number) => ({
	_id: `piece:${randomUUID()}`,
	type: 'piece',
	state: 'draft',
	_attachments: {
		'page-1': { content_type: 'image/jpeg', data: fakeFile('jpeg', bytes).toString('base64') }
	}
});

interface Case {
	name: string;
	method?: string;
	path: string;
	body?: () => string;
}

function cases(): Case[] {
	const bulk =
		(docs: unknown[], newEdits = false) =>
		() =>
			JSON.stringify({ new_edits: newEdits, docs });
	const branches = pid();
	const tall = pid();
	return [
		{
			name: `_revisions of ${REVS_LIMIT} (revs_limit)`,
			path: '/_bulk_docs',
			body: bulk([history(pid(), REVS_LIMIT, 1)])
		},
		{
			name: '_revisions of 50 000 (cut to revs_limit)',
			path: '/_bulk_docs',
			body: bulk([history(pid(), 50_000, 2, true)])
		},
		{
			name: '_revisions of 200 000 (refused: > 1 Mo)',
			path: '/_bulk_docs',
			body: bulk([history(pid(), 200_000, 3, true)])
		},
		{
			name: `${MAX_OPEN_LEAVES} conflicting leaves of one id`,
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: MAX_OPEN_LEAVES }, (_, i) => ({ ...history(branches, 1, 100 + i) }))
			)
		},
		{
			name: `pull that doc: open_revs=all&revs&latest`,
			method: 'GET',
			path: `/${encodeURIComponent(branches)}?open_revs=all&revs=true&latest=true`
		},
		{
			name: `tree of ${MAX_TREE_NODES} revisions (${MAX_TREE_NODES / REVS_LIMIT} × ${REVS_LIMIT})`,
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: MAX_TREE_NODES / REVS_LIMIT }, (_, i) =>
					history(tall, REVS_LIMIT, 200 + i)
				)
			)
		},
		{
			name: 'one more branch on it (refused)',
			path: '/_bulk_docs',
			body: bulk([history(tall, 2, 300)])
		},
		{
			name: 'pull that doc: open_revs=all&revs&latest',
			method: 'GET',
			path: `/${encodeURIComponent(tall)}?open_revs=all&revs=true&latest=true`
		},
		{
			name: `_revs_diff of ${MAX_LOOKUPS} revisions on it`,
			path: '/_revs_diff',
			body: () =>
				JSON.stringify({
					[tall]: Array.from({ length: MAX_LOOKUPS }, (_, i) => `${i + 1}-${hex(i)}`)
				})
		},
		{
			name: `${MAX_REVISIONS_PER_REQUEST / REVS_LIMIT} docs × ${REVS_LIMIT}-entry _revisions`,
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: MAX_REVISIONS_PER_REQUEST / REVS_LIMIT }, (_, i) =>
					history(pid(), REVS_LIMIT, 400 + i)
				)
			)
		},
		{
			name: `${MAX_BULK_DOCS} docs × ${REVS_LIMIT}-entry _revisions (refused)`,
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: MAX_BULK_DOCS }, (_, i) => history(pid(), REVS_LIMIT, 600 + i))
			)
		},
		{
			name: '5 000 branches of one id (refused)',
			path: '/_bulk_docs',
			body: bulk(Array.from({ length: 5000 }, (_, i) => history(branches, 1, 2000 + i)))
		},
		{
			name: `${MAX_BULK_DOCS} new docs (new_edits)`,
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: MAX_BULK_DOCS }, () => ({
					_id: pid(),
					type: 'preinscription',
					state: 'draft',
					observations: 'x'.repeat(200)
				})),
				true
			)
		},
		{
			name: `doc nested ${MAX_DOC_DEPTH} levels + one nested 10 000 (refused)`,
			path: '/_bulk_docs',
			body: () =>
				`{"docs":[${JSON.stringify({ _id: pid(), type: 'preinscription', state: 'draft', x: nested(MAX_DOC_DEPTH - 1) })},{"_id":"${pid()}","type":"preinscription","x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`
		},
		{
			name: `8 docs of ~1 Mo (the request's document budget)`,
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: 8 }, () => ({
					_id: pid(),
					type: 'preinscription',
					state: 'draft',
					notes: 'é'.repeat(MAX_DOC_BYTES / 2 - 200)
				})),
				true
			)
		},
		{
			name: '60 docs of ~1 Mo (refused: > 8 Mo)',
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: 60 }, () => ({
					_id: pid(),
					type: 'preinscription',
					state: 'draft',
					notes: 'é'.repeat(MAX_DOC_BYTES / 2 - 200)
				})),
				true
			)
		},
		{
			name: '1 piece, one 10 Mo page (~13 Mo request, the largest accepted)',
			path: '/_bulk_docs',
			body: bulk([pieceDoc(10 * 1024 * 1024 - 64)], true)
		},
		{
			name: '3 pieces × 7.5 Mo page (~30 Mo request, refused: > 16 Mo)',
			path: '/_bulk_docs',
			body: bulk(
				Array.from({ length: 3 }, () => pieceDoc(7.5 * 1024 * 1024)),
				true
			)
		},
		{ name: `_changes (all rows, style=all_docs)`, method: 'GET', path: '/_changes?style=all_docs' }
	];
}

async function measure(app: AppChild, c: Case) {
	const body = c.body?.();
	let done = false;
	const started = performance.now();
	const request = fetch(`${app.dbUrl}${c.path}`, {
		method: c.method ?? 'POST',
		headers: { 'content-type': 'application/json', cookie: app.cookie },
		body
	})
		.then(async (res) => ({ status: res.status, text: await res.text() }))
		.catch((err: Error) => ({ status: 0, text: `échec : ${String(err.cause ?? err)}` }))
		.then((r) => {
			done = true;
			return { ...r, ms: performance.now() - started };
		});
	let maxHealth = 0;
	let polls = 0;
	while (!done) {
		const t = performance.now();
		await fetch(`${app.url}/api/health`);
		maxHealth = Math.max(maxHealth, performance.now() - t);
		polls++;
	}
	const r = await request;
	const size = body ? `${(Buffer.byteLength(body) / 1024 / 1024).toFixed(2)} Mo` : '';
	let note = '';
	try {
		const json = JSON.parse(r.text) as unknown;
		if (Array.isArray(json)) {
			const ok = json.filter((x: { ok?: boolean }) => x.ok).length;
			note = `${ok}/${json.length} ok`;
			const refused = json.find((x: { reason?: string }) => x.reason) as { reason?: string };
			if (refused) note += ` — ${refused.reason}`;
		} else if ((json as { reason?: string }).reason) note = (json as { reason: string }).reason;
	} catch {
		note = r.text;
	}
	return { ...r, maxHealth, polls, size, note };
}

const app = await startAppChild();
try {
	console.log('case | request size | status | time | max /api/health meanwhile (polls) | answer');
	let worst = 0;
	let worstHealth = 0;
	for (const c of cases()) {
		const r = await measure(app, c);
		worst = Math.max(worst, r.ms);
		worstHealth = Math.max(worstHealth, r.maxHealth);
		console.log(
			`${c.name} | ${r.size} | ${r.status} | ${r.ms.toFixed(0)} ms | ${r.maxHealth.toFixed(0)} ms (${r.polls}) | ${r.note.slice(0, 90)}`
		);
	}
	console.log(
		`\nslowest request: ${worst.toFixed(0)} ms; slowest /api/health: ${worstHealth.toFixed(0)} ms`
	);
} finally {
	await app.stop();
}
