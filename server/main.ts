// Production entry point: validate configuration, open the database, serve on PORT.
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config';
import { createRuntime } from './runtime';
import { DEMO_ACCOUNTS } from './seed/seed';

async function main() {
	let config;
	try {
		config = loadConfig();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	const runtime = await createRuntime(config, { serveStatic: true });
	const server = serve(
		{ fetch: runtime.app.fetch, port: config.port, hostname: config.host },
		(info) => {
			console.log(`Espace Famille — http://localhost:${info.port} (données : ${config.dataDir})`);
			if (config.demo) {
				console.log(
					'Mode démonstration : données d’exemple, courriels visibles sur /demo/courriels' +
						(config.smtpUrl ? ' (désactivé : SMTP configuré)' : '')
				);
				console.log(
					`  Parent : ${DEMO_ACCOUNTS.parent.username} / ${DEMO_ACCOUNTS.parent.password}`
				);
				console.log(`  Agent  : ${DEMO_ACCOUNTS.staff.username} / ${DEMO_ACCOUNTS.staff.password}`);
			}
		}
	);
	let stopping = false;
	// Idempotent: `npm start` forwards the signal it receives, and a process-group kill sends it too.
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		server.close(() => void runtime.close().then(() => process.exit(0)));
		runtime.endLiveFeeds();
		setTimeout(() => process.exit(0), 5000).unref();
	};
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}

void main();
