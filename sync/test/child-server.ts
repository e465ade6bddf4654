// Starts sync/test/server-process.ts in a child process and waits until it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface Child {
	port: number;
	proc: ChildProcess;
	exited: Promise<NodeJS.Signals | number | null>;
}

export function startChild(env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
	const proc = spawn(process.execPath, [...execArgv, '--import', 'tsx', SCRIPT], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = new Promise<NodeJS.Signals | number | null>((r) =>
		proc.on('exit', (code, signal) => r(signal ?? code))
	);
	return new Promise((resolve, reject) => {
		let out = '';
		proc.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = /ready (\d+)/.exec(out);
			if (m) resolve({ port: Number(m[1]), proc, exited });
		});
		proc.on('exit', (code) => reject(new Error(`fault server exited early (${code})`)));
	});
}
