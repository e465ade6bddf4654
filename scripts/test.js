// `npm test`: every gate, fastest first, stopping at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
	['Format (Prettier)', 'npx', ['prettier', '--check', '.']],
	['Lint (ESLint)', 'npx', ['eslint', '.']],
	['Types (svelte-check + tsc)', 'npm', ['run', '--silent', 'check']],
	['Unit + integration (Vitest)', 'npx', ['vitest', 'run']],
	['Build', 'npx', ['vite', 'build']],
	['Journeys (Playwright, Chromium)', 'npx', ['playwright', 'test']]
];

const only = process.argv.slice(2);
// ESLint's typed rules and svelte-check read .svelte-kit/tsconfig.json (aliases such as $sync):
// generate it first, so that a fresh clone or a stale copy never fails the lint.
const sync = spawnSync('npx', ['svelte-kit', 'sync'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);
for (const [name, cmd, args] of steps) {
	if (only.length && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
	const started = Date.now();
	console.log(`\n▶ ${name}`);
	const result = spawnSync(cmd, args, {
		stdio: 'inherit',
		env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' }
	});
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (result.status !== 0) {
		console.error(`✗ ${name} failed (${seconds} s)`);
		process.exit(result.status ?? 1);
	}
	console.log(`✓ ${name} (${seconds} s)`);
}
