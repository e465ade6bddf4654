// Bad input never makes a 500 (issue 7, S-LIM-6): a few thousand seeded malformed requests on /api
// and /sync, signed in and anonymous. `npm run fuzz` runs the longer version.
import { expect, it } from 'vitest';
import { runFuzz } from './fuzz';

it('S-LIM-6 the fuzzer gets no 5xx from /api and /sync', { timeout: 120_000 }, async () => {
	const report = await runFuzz({ seed: 7, count: 2000, maxMs: 60_000 });
	expect(report.serverErrors).toEqual([]);
	expect(report.requests).toBeGreaterThan(500);
});
