// npm run bench:sync — the same PouchDB client pushes then pulls the same workloads to our /sync
// server (SQLite file) and to pouchdb-server (LevelDB on disk), both in their own process.
// Prints docs/s for each and the ratio ours / reference: the median of BENCH_ROUNDS rounds (default 3),
// the two servers taking turns, as a shared machine's load varies from one minute to the next.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PouchDoc } from 'pouchdb-core';
import { startChild } from '../test/child-server';
import { startReference } from '../test/reference-server';
import { localDb, Pouch } from '../test/pouch';
import { draftPreinscription, fakeFile, pieceWithPages } from '../test/factories';
import { householdDbName } from '../server/index';
import { changesScale } from './changes-scale';

interface Workload {
	name: string;
	docs: () => PouchDoc[];
	batchSize: number;
}

const WORKLOADS: Workload[] = [
	{
		name: '5 000 small docs',
		docs: () =>
			Array.from({ length: 5000 }, (_, i) =>
				draftPreinscription({ observations: `document ${i}` })
			),
		batchSize: 100
	},
	{
		name: '200 docs × 200 KB attachment',
		docs: () => Array.from({ length: 200 }, () => pieceWithPages([fakeFile('jpeg', 200 * 1024)])),
		batchSize: 20
	}
];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** BENCH_ONLY=1 runs the second workload only (0-based index). */
const ONLY = process.env.BENCH_ONLY === undefined ? null : Number(process.env.BENCH_ONLY);

interface Target {
	label: string;
	/** The server's process, for its CPU time (less sensitive to a busy machine than wall time). */
	pid: number;
	/** A fresh database for each run. */
	url(run: number): string;
	headers(run: number): Record<string, string>;
}

/** User + system CPU seconds of a process so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

async function timed(
	pid: number,
	fn: () => Promise<unknown>
): Promise<{ wall: number; cpu: number }> {
	const [t, c] = [performance.now(), cpuSeconds(pid)];
	await fn();
	return { wall: (performance.now() - t) / 1000, cpu: cpuSeconds(pid) - c };
}

async function run(target: Target, w: Workload, index: number, docs: PouchDoc[]): Promise<Rates> {
	const device = localDb();
	await device.bulkDocs(structuredClone(docs));
	const remote = () => new Pouch(target.url(index), { headers: target.headers(index) });
	const push = await timed(target.pid, () =>
		Pouch.replicate(device, remote(), { batch_size: w.batchSize })
	);
	const fresh = localDb();
	const pull = await timed(target.pid, () =>
		Pouch.replicate(remote(), fresh, { batch_size: w.batchSize })
	);
	const pulled = (await fresh.info()).doc_count;
	if (pulled !== docs.length)
		throw new Error(`${target.label}: pulled ${pulled} of ${docs.length}`);
	return {
		push: docs.length / push.wall,
		pull: docs.length / pull.wall,
		pushCpu: push.cpu,
		pullCpu: pull.cpu
	};
}

interface Rates {
	push: number;
	pull: number;
	/** Server CPU seconds. */
	pushCpu: number;
	pullCpu: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
	const households = Array.from({ length: WORKLOADS.length * ROUNDS }, () => ({
		id: randomUUID(),
		token: randomUUID()
	}));
	const ours = await startChild({
		DB_FILE: join(dir, 'bench.sqlite'),
		SESSIONS: households.map((h) => `${h.token}:${h.id}`).join(',')
	});
	const ref = await startReference({ inMemory: false });
	if (!ref) throw new Error('pouchdb-server is not installed (npm i -D pouchdb-server)');
	const targets: Target[] = [
		{
			label: 'ours (SQLite)',
			pid: ours.proc.pid!,
			url: (i) => `http://127.0.0.1:${ours.port}/sync/${householdDbName(households[i]!.id)}`,
			headers: (i) => ({ 'x-test-session': households[i]!.token })
		},
		{
			label: 'pouchdb-server (LevelDB)',
			pid: ref.proc.pid!,
			url: (i) => `${ref.url}/bench-${i}`,
			headers: () => ({})
		}
	];
	try {
		const rows: string[][] = [];
		for (const [i, w] of WORKLOADS.entries()) {
			if (ONLY !== null && ONLY !== i) continue;
			const docs = w.docs();
			const results: [Rates[], Rates[]] = [[], []];
			for (let round = 0; round < ROUNDS; round++) {
				const order = round % 2 ? [1, 0] : [0, 1];
				for (const t of order)
					results[t]!.push(await run(targets[t]!, w, i * ROUNDS + round, docs));
			}
			const [o, r] = results.map((rs) => ({
				push: median(rs.map((x) => x.push)),
				pull: median(rs.map((x) => x.pull)),
				pushCpu: median(rs.map((x) => x.pushCpu)),
				pullCpu: median(rs.map((x) => x.pullCpu))
			})) as [Rates, Rates];
			for (const dir of ['push', 'pull'] as const) {
				const cpu = `${dir}Cpu` as const;
				rows.push([
					w.name,
					dir,
					o[dir].toFixed(0),
					r[dir].toFixed(0),
					(o[dir] / r[dir]).toFixed(2) + '×',
					`${o[cpu].toFixed(2)} / ${r[cpu].toFixed(2)}`
				]);
			}
		}
		const header = [
			'workload',
			'direction',
			'ours docs/s',
			'pouchdb-server docs/s',
			'ratio',
			'server CPU s (ours / ref)'
		];
		const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
		console.log(`median of ${ROUNDS} rounds`);
		for (const r of [header, ...rows])
			console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
		console.log('\n_changes since a recent seq (store query, 5 rows):');
		for (const { docs, micros } of changesScale())
			console.log(
				`  ${docs.toLocaleString('fr-FR').padStart(9)} docs stored: ${micros.toFixed(1)} µs`
			);
	} finally {
		ours.proc.kill('SIGKILL');
		await ref.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
