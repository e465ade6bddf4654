// pouchdb-server (the reference Node implementation, LevelDB on disk or in memory) in a child
// process, for the cross-check and the bench. Absent package → null, and callers skip.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReferenceServer {
	url: string;
	proc: ChildProcess;
	stop(): Promise<void>;
}

export function referenceBin(): string | null {
	try {
		return createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
	} catch {
		return null;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

export async function startReference(opts: { inMemory: boolean }): Promise<ReferenceServer | null> {
	const bin = referenceBin();
	if (!bin) return null;
	const dir = mkdtempSync(join(tmpdir(), 'pouchdb-server-'));
	const port = await freePort();
	const args = [
		bin,
		'-p',
		String(port),
		'-o',
		'127.0.0.1',
		'-d',
		dir,
		'-c',
		join(dir, 'config.json'),
		'-n'
	];
	if (opts.inMemory) args.push('-m');
	const proc = spawn(process.execPath, args, { cwd: dir, stdio: 'ignore' });
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(url)).ok) break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		url,
		proc,
		stop: async () => {
			proc.kill('SIGKILL');
			await new Promise((r) => proc.once('exit', r));
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
