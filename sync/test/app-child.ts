// Starts sync/test/app-process.ts (the real server) in a child process and signs in the demo parent.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS } from '../../server/seed/seed';

const SCRIPT = fileURLToPath(new URL('./app-process.ts', import.meta.url));

export interface AppChild {
	url: string;
	/** Cookie header of the signed-in demo parent. */
	cookie: string;
	/** The parent's household database URL (/sync/hh-…). */
	dbUrl: string;
	stop(): Promise<void>;
}

export async function startAppChild(): Promise<AppChild> {
	const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<void>((r) => proc.on('exit', () => r()));
	const port = await new Promise<number>((resolve, reject) => {
		let out = '';
		proc.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /ready (\d+)/.exec(out);
			if (m) resolve(Number(m[1]));
		});
		proc.on('exit', (code) => reject(new Error(`app process exited early (${code})`)));
	});
	const url = `http://127.0.0.1:${port}`;
	const login = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			username: DEMO_ACCOUNTS.parent.username,
			password: DEMO_ACCOUNTS.parent.password
		})
	});
	if (login.status !== 200) throw new Error(`demo sign-in failed: ${login.status}`);
	const cookie = login.headers
		.getSetCookie()
		.map((l) => l.split(';')[0])
		.join('; ');
	const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as {
		syncUrl?: string;
	};
	if (!me.syncUrl) throw new Error('no syncUrl for the demo parent');
	return {
		url,
		cookie,
		dbUrl: new URL(me.syncUrl, url).toString().replace(/\/$/, ''),
		async stop() {
			proc.kill('SIGTERM');
			// A server still busy (the bug this guards against) ignores SIGTERM until it is free.
			const kill = setTimeout(() => proc.kill('SIGKILL'), 2000);
			await exited;
			clearTimeout(kill);
		}
	};
}
