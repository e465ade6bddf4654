// `npm run dev`: the API mounted into Vite's dev server (see vite.config.ts). The runtime is kept
// across hot reloads so the database and the outbox worker are opened once.
import { loadConfig } from './config';
import { createRuntime, type Runtime } from './runtime';

const g = globalThis as { __efRuntime?: Promise<Runtime> };

export async function devApp() {
	g.__efRuntime ??= createRuntime(loadConfig());
	return (await g.__efRuntime).app;
}
