// Starts a real SMTP server and the app (node scripts/start.js) on free loopback ports with a
// fresh data folder, waits for /api/health, and hands the URLs to the tests through env.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_ADMIN, E2E_AGENT } from './support/factories';
import { startMailServer } from './support/mail-server';
import { freePort } from './support/ports';

const START_TIMEOUT_MS = 240_000;

export default async function globalSetup() {
	const root = await mkdtemp(join(tmpdir(), 'espace-famille-e2e-'));
	const mailDir = join(root, 'mails');
	const dataDir = join(root, 'data');
	await Promise.all([mkdirP(mailDir), mkdirP(dataDir)]);

	const smtpPort = await freePort();
	const stopMail = await startMailServer(mailDir, smtpPort);
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = join(root, 'app.log');

	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
		PUBLIC_URL: baseUrl,
		DEMO: '0',
		// Every journey signs up from 127.0.0.1: lift the per-address cap (tested in limits.test.ts).
		REGISTRATIONS_PER_HOUR: '100000'
	};
	const app = spawn(process.execPath, ['scripts/start.js'], {
		cwd: process.cwd(),
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env
	});
	const log = createWriteStream(logFile);
	app.stdout?.pipe(log);
	app.stderr?.pipe(log);

	try {
		await waitForHealth(baseUrl, app);
	} catch (error) {
		stopApp(app);
		await stopMail();
		const tail = await readFile(logFile, 'utf8').catch(() => '');
		throw new Error(`${(error as Error).message}\n--- app log ---\n${tail.slice(-4000)}`);
	}

	// The service's agents, as a real deployment gets them: the admin CLI on the same database.
	for (const [account, role] of [
		[E2E_AGENT, []],
		[E2E_ADMIN, ['--admin']]
	] as const) {
		const made = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'server/cli/admin.ts',
				'create-staff',
				account.username,
				account.email,
				'--password',
				account.password,
				'--prenom',
				account.firstNames,
				'--nom',
				account.lastName,
				...role
			],
			{ cwd: process.cwd(), env, encoding: 'utf8' }
		);
		if (made.status !== 0) {
			stopApp(app);
			await stopMail();
			throw new Error(`admin CLI failed: ${made.stderr || made.stdout}`);
		}
	}

	process.env.E2E_BASE_URL = baseUrl;
	process.env.E2E_MAIL_DIR = mailDir;

	return async () => {
		stopApp(app);
		await stopMail();
		if (!process.env.E2E_KEEP) await rm(root, { recursive: true, force: true });
	};
}

async function mkdirP(path: string) {
	const { mkdir } = await import('node:fs/promises');
	await mkdir(path, { recursive: true });
}

async function waitForHealth(baseUrl: string, app: ChildProcess) {
	const end = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < end) {
		if (app.exitCode !== null) throw new Error(`The app exited early (code ${app.exitCode}).`);
		try {
			const response = await fetch(`${baseUrl}/api/health`);
			if (response.ok) return;
		} catch {
			// Not listening yet (or still building).
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error(
		`The app did not answer ${baseUrl}/api/health within ${START_TIMEOUT_MS / 1000} s.`
	);
}

/** The start script runs the server as a child: end the whole process group. */
function stopApp(app: ChildProcess) {
	if (app.pid === undefined || app.exitCode !== null) return;
	try {
		process.kill(-app.pid, 'SIGTERM');
	} catch {
		app.kill('SIGTERM');
	}
}
