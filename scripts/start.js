// `npm start`: builds the PWA when the build is missing or older than its sources, then runs the
// server (TypeScript through tsx) in this process's place.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
	'src',
	'static',
	'service-worker',
	'sync',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const STAMP = join('build', '200.html');

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	return readdirSync(path).reduce(
		(max, name) => Math.max(max, newestMtime(join(path, name))),
		st.mtimeMs
	);
}

function buildIsStale() {
	if (!existsSync(STAMP)) return true;
	const built = statSync(STAMP).mtimeMs;
	return SOURCES.some((s) => newestMtime(s) > built);
}

if (buildIsStale()) {
	console.log('Construction de l’application (build manquant ou plus ancien que les sources)…');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server runs as a child; signals sent to this process reach it, so stopping `npm start`
// (or a bench or test that started it) never leaves a server behind.
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
