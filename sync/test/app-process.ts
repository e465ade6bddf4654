// The real server (createRuntime: the composition root without the built PWA) on 127.0.0.1 in its
// own process, on a fresh data directory with the demo accounts. Prints "ready <port>".
// Used by the freeze test and `npm run bench:limits`, which must measure /api/health from outside.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../server/config';
import { createRuntime } from '../../server/runtime';

const ownDir = !process.env.DATA_DIR;
const dataDir = process.env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ef-limits-'));
const config = loadConfig({
	DATA_DIR: dataDir,
	PORT: '0',
	HOST: '127.0.0.1',
	DEMO: '1',
	// A bench submitting more than a family's daily cap raises it (npm run bench:sse).
	REQUESTS_PER_HOUSEHOLD_PER_DAY: process.env.REQUESTS_PER_HOUSEHOLD_PER_DAY
});
const runtime = await createRuntime(config);
const server = serve(
	{ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' },
	(info: AddressInfo) => console.log(`ready ${info.port}`)
);
process.on('SIGTERM', () => {
	server.close();
	void runtime.close().then(() => {
		if (ownDir) rmSync(dataDir, { recursive: true, force: true });
		process.exit(0);
	});
});
