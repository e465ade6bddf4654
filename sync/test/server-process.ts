// Our /sync server in its own process, on a database file (fault test, bench). Sessions come from
// SESSIONS="token:householdId,…". With CRASH_AT=n it kills itself (SIGKILL, no cleanup) while
// projecting the n-th submitted preinscription, i.e. in the middle of a _bulk_docs transaction.
import { openDatabase } from '../../server/db';
import { testConfig } from '../../server/config';
import { createHarness, declareTestChild, listen } from '../server/test-harness';
import { registerProjector } from '../server/index';
import { startWalCheckpointer } from '../server/wal-checkpointer';

const { DB_FILE, PORT, SESSIONS, CRASH_AT, REQUESTS_PER_HOUSEHOLD_PER_DAY } = process.env;
const db = openDatabase(DB_FILE!);
// As the composition root should do at startup (see sync/server/wal-checkpointer.ts).
startWalCheckpointer(db);
const h = createHarness(db, {
	config: testConfig({
		requestsPerHouseholdPerDay: Number(REQUESTS_PER_HOUSEHOLD_PER_DAY ?? 20)
	})
});
for (const pair of (SESSIONS ?? '').split(',').filter(Boolean)) {
	const [token, householdId] = pair.split(':') as [string, string];
	db.prepare('INSERT OR IGNORE INTO households (id, created_at) VALUES (?, ?)').run(
		householdId,
		new Date().toISOString()
	);
	declareTestChild(db, householdId);
	h.sessions.set(token, h.signIn('parent', householdId).user);
}

let projected = 0;
if (CRASH_AT)
	registerProjector('preinscription', (rev) => {
		if (rev.body.state === 'submitted' && ++projected === Number(CRASH_AT))
			process.kill(process.pid, 'SIGKILL');
	});

const server = await listen(h.app, Number(PORT ?? 0));
console.log(`ready ${server.port}`);
process.on('SIGTERM', () => process.exit(0));
