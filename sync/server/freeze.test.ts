// No request freezes the server (S-LIM-*): the worst inputs of the issue, sent to the real server in
// its own process, are answered (accepted within the limits, or refused) while /api/health keeps
// answering. The bounds are freeze detectors, not speed figures (those are `npm run bench:limits`).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppChild, type AppChild } from '../test/app-child';

let app: AppChild;
beforeAll(async () => {
	app = await startAppChild();
});
afterAll(() => app?.stop());

const FREEZE_MS = 5000;

/** Sends `body` to _bulk_docs and polls /api/health until it is answered; returns both. */
async function sendWhilePolling(body: string) {
	const started = Date.now();
	let answered = false;
	const big = fetch(`${app.dbUrl}/_bulk_docs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: app.cookie },
		body,
		signal: AbortSignal.timeout(FREEZE_MS * 4)
	}).then(async (res) => {
		answered = true;
		return { status: res.status, body: (await res.json()) as unknown, ms: Date.now() - started };
	});
	const health: number[] = [];
	do {
		const t = Date.now();
		const res = await fetch(`${app.url}/api/health`, {
			signal: AbortSignal.timeout(FREEZE_MS * 4)
		});
		expect(res.status).toBe(200);
		health.push(Date.now() - t);
	} while (!answered && Date.now() - started < FREEZE_MS * 4);
	return { result: await big, maxHealth: Math.max(...health) };
}

const hashes = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16));
const id = () => `preinscription:${randomUUID()}`;
const branch = (docId: string, h: string) => ({
	_id: docId,
	_rev: `1-${h.padStart(8, 'a')}`,
	type: 'preinscription',
	state: 'draft'
});

describe('no request freezes the server', () => {
	it('S-LIM-2 a 50 000-entry _revisions is answered quickly while /api/health answers', async () => {
		const ids = hashes(50_000);
		const doc = {
			_id: id(),
			_rev: `50000-${ids[0]}`,
			_revisions: { start: 50_000, ids },
			type: 'preinscription',
			state: 'draft'
		};
		const { result, maxHealth } = await sendWhilePolling(
			JSON.stringify({ new_edits: false, docs: [doc] })
		);
		expect(result.status).toBe(201);
		expect(result.ms).toBeLessThan(FREEZE_MS);
		expect(maxHealth).toBeLessThan(FREEZE_MS);
		// Stored with at most revs_limit ancestors (S-LIM-2), and the document reads back quickly.
		const t = Date.now();
		const res = await fetch(`${app.dbUrl}/${encodeURIComponent(doc._id)}?revs=true`, {
			headers: { cookie: app.cookie }
		});
		const read = (await res.json()) as { _revisions: { ids: string[] } };
		expect(read._revisions.ids.length).toBe(1000);
		expect(Date.now() - t).toBeLessThan(FREEZE_MS);
	});

	it('S-LIM-4 5 000 conflicting revisions of one id in one request are refused at once', async () => {
		const docId = id();
		const docs = hashes(5000).map((h) => branch(docId, h));
		const { result, maxHealth } = await sendWhilePolling(
			JSON.stringify({ new_edits: false, docs })
		);
		expect(result.status).toBe(413);
		expect((result.body as { reason: string }).reason).toMatch(/1000 documents au maximum/);
		expect(result.ms).toBeLessThan(FREEZE_MS);
		expect(maxHealth).toBeLessThan(FREEZE_MS);
	});

	it('S-LIM-4 1 000 branches of one id: 100 kept, the rest refused, no freeze; later pulls answer', async () => {
		const docId = id();
		const docs = hashes(1000).map((h) => branch(docId, h));
		const { result, maxHealth } = await sendWhilePolling(
			JSON.stringify({ new_edits: false, docs })
		);
		expect(result.status).toBe(201);
		expect(result.ms).toBeLessThan(FREEZE_MS);
		expect(maxHealth).toBeLessThan(FREEZE_MS);
		const answers = result.body as { ok?: true; error?: string; reason?: string }[];
		expect(answers.filter((a) => a.ok).length).toBe(100);
		expect(answers.at(-1)).toMatchObject({ error: 'forbidden' });
		expect(answers.at(-1)!.reason).toMatch(/versions de ce document/);
		const t = Date.now();
		const res = await fetch(
			`${app.dbUrl}/${encodeURIComponent(docId)}?open_revs=all&revs=true&latest=true`,
			{ headers: { cookie: app.cookie } }
		);
		expect(((await res.json()) as unknown[]).length).toBe(100);
		expect(Date.now() - t).toBeLessThan(FREEZE_MS);
	});
});
