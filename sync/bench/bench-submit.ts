// npm run bench:submit — submission → request number back on the device, online, on this machine.
// The real server in its own process (demo parent signed in), the real PouchDB client replicating
// both ways live as the app does; each round puts a submitted declaration in the device database
// and waits for its `svc:status` (written by the projector) to arrive through the pull.
// Prints the median and the slowest of BENCH_ROUNDS rounds (default 15; the household's daily
// request cap is 20 and the demo family already has one).
import { randomUUID } from 'node:crypto';
import { statusDocId } from '../../src/lib/domain/service-documents';
import { startAppChild } from '../test/app-child';
import { submittedEntourage } from '../test/factories';
import { localDb, Pouch } from '../test/pouch';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const app = await startAppChild();
const local = localDb();
const remote = new Pouch(app.dbUrl, { headers: { cookie: app.cookie } });
const sync = local.sync(remote, { live: true, retry: true });

const timings: number[] = [];
try {
	for (let i = 0; i < ROUNDS; i++) {
		const doc = { ...submittedEntourage(), _id: `entourage:${randomUUID()}` };
		const statusId = statusDocId(doc._id);
		const arrived = new Promise<void>((resolve) => {
			const timer = setInterval(() => {
				void local.get(statusId).then(
					() => {
						clearInterval(timer);
						resolve();
					},
					() => {}
				);
			}, 5);
		});
		const start = performance.now();
		await local.put(doc);
		await arrived;
		timings.push(performance.now() - start);
	}
} finally {
	sync.cancel();
	await app.stop();
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)]!;
console.log(`submission → request number on the device (${timings.length} rounds, live sync)`);
console.log(`  median  ${median.toFixed(0)} ms`);
console.log(`  fastest ${timings[0]!.toFixed(0)} ms`);
console.log(`  slowest ${timings.at(-1)!.toFixed(0)} ms`);
console.log(`  aim ≤ 1000 ms: ${median <= 1000 ? 'met' : 'NOT met'}`);
process.exit(0);
