// npm run bench:sse — from a family's PouchDB push of a submitted request to the `request` event
// at a connected agent's live feed (GET /api/agent/events), on this machine.
// The real server in its own process on a free port (demo accounts); the demo parent's device
// pushes live as the app does; the demo agent holds one server-sent events connection. Each round
// puts a submitted declaration on the device and waits for its event. Prints p50/p95 of
// BENCH_ROUNDS rounds (default 50). Aim: p95 ≤ 200 ms.
import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS } from '../server/seed/seed';
import { startAppChild } from '../sync/test/app-child';
import { submittedEntourage } from '../sync/test/factories';
import { localDb, Pouch } from '../sync/test/pouch';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
process.env.REQUESTS_PER_HOUSEHOLD_PER_DAY = String(ROUNDS + 10);

const app = await startAppChild();
const login = await fetch(`${app.url}/api/auth/login`, {
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify({
		username: DEMO_ACCOUNTS.staff.username,
		password: DEMO_ACCOUNTS.staff.password
	})
});
if (login.status !== 200) throw new Error(`agent sign-in failed: ${login.status}`);
const agentCookie = login.headers
	.getSetCookie()
	.map((l) => l.split(';')[0])
	.join('; ');

// The agent's live feed: resolves the waiter of each request number as its event arrives.
const feed = new AbortController();
const events = await fetch(`${app.url}/api/agent/events`, {
	headers: { cookie: agentCookie, accept: 'text/event-stream' },
	signal: feed.signal
});
if (events.status !== 200) throw new Error(`live feed refused: ${events.status}`);
const waiting: { resolve: ((at: number) => void) | null } = { resolve: null };
void (async () => {
	const decoder = new TextDecoder();
	let buffer = '';
	try {
		const reader = events.body!.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let i;
			while ((i = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, i);
				buffer = buffer.slice(i + 2);
				if (block.includes('event: request')) waiting.resolve?.(performance.now());
			}
		}
	} catch {
		// aborted at the end
	}
})();

const device = localDb();
const remote = new Pouch(app.dbUrl, { headers: { cookie: app.cookie } });
const push = device.replicate.to(remote, { live: true, retry: true });

const timings: number[] = [];
try {
	for (let i = 0; i < ROUNDS; i++) {
		const doc = { ...submittedEntourage(), _id: `entourage:${randomUUID()}` };
		const arrived = new Promise<number>((resolve, reject) => {
			const guard = setTimeout(() => reject(new Error('no event within 10 s')), 10_000);
			waiting.resolve = (at) => {
				clearTimeout(guard);
				waiting.resolve = null;
				resolve(at);
			};
		});
		const start = performance.now();
		await device.put(doc);
		timings.push((await arrived) - start);
	}
} finally {
	push.cancel();
	feed.abort();
	await app.stop();
}
timings.sort((a, b) => a - b);
const pct = (p: number) =>
	timings[Math.min(timings.length - 1, Math.ceil((p / 100) * timings.length) - 1)]!;
console.log(
	`PouchDB push of a submitted request → SSE event at the agent (${timings.length} rounds)`
);
console.log(`  p50     ${pct(50).toFixed(0)} ms`);
console.log(`  p95     ${pct(95).toFixed(0)} ms`);
console.log(`  fastest ${timings[0]!.toFixed(0)} ms`);
console.log(`  slowest ${timings.at(-1)!.toFixed(0)} ms`);
console.log(`  aim p95 ≤ 200 ms: ${pct(95) <= 200 ? 'met' : 'NOT met'}`);
process.exit(0);
