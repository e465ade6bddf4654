// `npm run fuzz [-- --count N --seed S --seconds T]`: the long fuzzer run; prints counts by status
// and the first 5xx answers. Exits 1 when any request got a 5xx.
import { parseArgs } from 'node:util';
import { runFuzz } from '../server/test/fuzz';

const { values } = parseArgs({
	options: {
		count: { type: 'string', default: '30000' },
		seed: { type: 'string', default: String(Date.now() % 100_000) },
		seconds: { type: 'string', default: '300' }
	}
});
const seed = Number(values.seed);
console.log(
	`Fuzzing /api and /sync: seed ${seed}, up to ${values.count} requests or ${values.seconds} s`
);
const report = await runFuzz({
	seed,
	count: Number(values.count),
	maxMs: Number(values.seconds) * 1000
});
console.log(`${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s`);
for (const [status, n] of Object.entries(report.byStatus)) console.log(`  ${status}: ${n}`);
const fives = Object.entries(report.byStatus)
	.filter(([s]) => Number(s) >= 500)
	.reduce((n, [, c]) => n + c, 0);
console.log(`5xx: ${fives}`);
for (const e of report.serverErrors) console.log(JSON.stringify(e));
process.exit(fives ? 1 : 0);
