// A private app server for the PWA journeys: demo data (a signed-in family with a household),
// its own data folder and a copy of the production build, so a test can stop it and serve a
// *new* build on the same origin (the service-worker update journey).
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from './ports';

const REPO = resolve('.');
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
export const DEMO_PARENT = { username: 'parent.demo', password: 'Demo-Famille-2026' };

/** Copies build/ into a fresh folder; `label` is written into the worker so its bytes differ. */
export async function buildCopy(label: string): Promise<string> {
	const root = await mkdtemp(join(tmpdir(), `ef-pwa-${label}-`));
	await cp(join(REPO, 'build'), join(root, 'build'), { recursive: true });
	const worker = join(root, 'build', 'service-worker.js');
	await writeFile(worker, `${await readFile(worker, 'utf8')}\n// build ${label}\n`);
	// The server prefers precompressed variants; drop them so the edited worker is served.
	await rm(`${worker}.gz`, { force: true });
	await rm(`${worker}.br`, { force: true });
	return root;
}

export class PwaServer {
	#child: ChildProcess | null = null;
	#log = '';
	private constructor(
		readonly port: number,
		readonly dataDir: string
	) {}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	static async start(buildRoot: string): Promise<PwaServer> {
		const server = new PwaServer(await freePort(), await mkdtemp(join(tmpdir(), 'ef-pwa-data-')));
		await server.serve(buildRoot);
		return server;
	}

	/** (Re)starts the server on the same port and data, serving `buildRoot`/build. */
	async serve(buildRoot: string): Promise<void> {
		await this.stop();
		this.#log = '';
		const child = spawn(process.execPath, ['--import', TSX, join(REPO, 'server/main.ts')], {
			cwd: buildRoot, // the server reads ./build relative to its working directory
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				DATA_DIR: this.dataDir,
				DEMO: '1',
				SMTP_URL: '',
				REGISTRATIONS_PER_HOUR: '100000'
			}
		});
		child.stdout?.on('data', (d) => (this.#log += d));
		child.stderr?.on('data', (d) => (this.#log += d));
		this.#child = child;
		const end = Date.now() + 60_000;
		while (Date.now() < end) {
			if (child.exitCode !== null) throw new Error(`PWA server exited:\n${this.#log}`);
			try {
				if ((await fetch(`${this.baseUrl}/api/health`)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`PWA server did not start:\n${this.#log}`);
	}

	async stop(): Promise<void> {
		const child = this.#child;
		this.#child = null;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((done) => {
			child.once('exit', () => done());
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
		});
	}

	async dispose(): Promise<void> {
		await this.stop();
		await rm(this.dataDir, { recursive: true, force: true });
	}
}
