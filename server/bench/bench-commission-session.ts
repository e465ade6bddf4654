// npm run bench:commission-session — a commission session's desk screen and its close at scale,
// on this machine: a fresh data directory, BENCH_HOUSEHOLDS families (default 5 000) seeded by
// direct SQL (seed-requests.ts), every preinscription « Complète » and eligible, 16 structures ×
// 3 age groups with BENCH_PLACES places each (default 20); then GET …/files (the scored files and
// the proposal: p50/p95/max over BENCH_CALLS calls, default 5) and one POST …/close (frozen in one
// transaction, then offers, waiting lists, statuses, mails applied in chunks) while GET /api/health
// is called again and again: its longest answer time is the longest the server stayed frozen.
// Prints the figures.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import { systemClock } from '../clock';
import { testConfig } from '../config';
import { openDatabase } from '../db';
import { seedRequests } from '../desk/seed-requests';
import { insertActiveUser, seedStructures } from '../seed/seed';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 5_000);
const PLACES = Number(process.env.BENCH_PLACES ?? 20);
const CALLS = Number(process.env.BENCH_CALLS ?? 5);
const ORIGIN = 'http://localhost:3000';

const dir = mkdtempSync(join(tmpdir(), 'bench-commission-session-'));
const file = join(dir, 'espace-famille.sqlite');
const db = openDatabase(file);
try {
	seedStructures(db);
	const structures = (
		db.prepare('SELECT id FROM structures ORDER BY position').all() as { id: string }[]
	).map((s) => s.id);
	const step = Math.floor((365 * 86_400_000) / HOUSEHOLDS);
	seedRequests(db, {
		households: HOUSEHOLDS,
		structures,
		startAt: Date.now() - HOUSEHOLDS * step,
		stepMs: step
	});
	db.prepare("UPDATE requests SET status = 'Complète' WHERE type = 'preinscription'").run();
	const sessionId = randomUUID();
	db.prepare(
		`INSERT INTO commission_sessions (id, date, period_start, period_end, created_at, updated_at)
		 VALUES (?, '2027-06-15', '2027-07-01', '2027-09-30', 0, 0)`
	).run(sessionId);
	const capacity = db.prepare(
		'INSERT INTO commission_capacities (session_id, structure_id, age_group, places) VALUES (?, ?, ?, ?)'
	);
	for (const s of structures)
		for (const g of ['babies', 'toddlers', 'older']) capacity.run(sessionId, s, g, PLACES);

	const app = createApp({
		db,
		config: testConfig({ databaseFile: file, dataDir: dir }),
		clock: systemClock,
		kickOutbox: () => {}
	});
	await insertActiveUser(db, {
		username: 'admin-bench',
		email: 'admin-bench@service.localhost',
		password: 'Tr3s-Bon-Secret-Agent',
		role: 'admin',
		firstNames: 'Paule',
		lastName: 'Directrice'
	});
	const headers = {
		'content-type': 'application/json',
		origin: ORIGIN,
		'sec-fetch-site': 'same-origin'
	};
	const login = await app.request(`${ORIGIN}/api/auth/login`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ username: 'admin-bench', password: 'Tr3s-Bon-Secret-Agent' })
	});
	if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	const path = `/api/agent/commission/sessions/${sessionId}`;

	const times: number[] = [];
	let eligible = 0;
	for (let i = 0; i < CALLS; i++) {
		const start = performance.now();
		const res = await app.request(`${ORIGIN}${path}/files`, { headers: { ...headers, cookie } });
		const body = (await res.json()) as { items: unknown[] };
		times.push(performance.now() - start);
		if (res.status !== 200) throw new Error(`files: ${res.status}`);
		eligible = body.items.length;
	}
	times.sort((a, b) => a - b);
	const start = performance.now();
	let closing = true;
	const closed = Promise.resolve(
		app.request(`${ORIGIN}${path}/close`, {
			method: 'POST',
			headers: { ...headers, cookie },
			body: JSON.stringify({ members: 'Banc d’essai' })
		})
	).finally(() => (closing = false));
	// Another user meanwhile: the health check, again and again until the close answers.
	const health: number[] = [];
	while (closing) {
		const t = performance.now();
		await app.request(`${ORIGIN}/api/health`);
		health.push(performance.now() - t);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	const close = await closed;
	const closeMs = performance.now() - start;
	const result = (await close.json()) as { total?: number };
	if (close.status !== 200) throw new Error(`close: ${close.status} ${JSON.stringify(result)}`);
	console.log(
		`bench:commission-session — ${eligible} eligible files, ${structures.length} structures × 3 age groups × ${PLACES} places`
	);
	const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!;
	console.log(
		`  GET files: p50 ${pct(0.5).toFixed(0)} ms, p95 ${pct(0.95).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (${CALLS} calls)`
	);
	console.log(`  POST close: ${closeMs.toFixed(0)} ms — ${JSON.stringify(result)}`);
	const families = result.total ?? eligible;
	console.log(`  close: ${(families / (closeMs / 1000)).toFixed(0)} families per second`);
	console.log(
		`  GET /api/health during the close: ${health.length} answers, longest ${Math.max(...health).toFixed(0)} ms (the longest the server stayed frozen)`
	);
} finally {
	db.close();
	rmSync(dir, { recursive: true, force: true });
}
