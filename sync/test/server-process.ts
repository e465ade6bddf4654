// A /sync server in its own process, on a database file, for the fault test: with CRASH_AT=n it
// kills itself (SIGKILL, no cleanup) while projecting the n-th submitted preinscription, i.e. in
// the middle of a _bulk_docs transaction.
import { openDatabase } from '../../server/db';
import { createHarness, listen } from '../server/test-harness';
import { registerProjector } from '../server/index';

const { DB_FILE, PORT, TOKEN, HOUSEHOLD_ID, CRASH_AT } = process.env;
const db = openDatabase(DB_FILE!);
db.prepare('INSERT OR IGNORE INTO households (id, created_at) VALUES (?, ?)').run(HOUSEHOLD_ID, new Date().toISOString());
const h = createHarness(db);
const { user } = h.signIn('parent', HOUSEHOLD_ID);
h.sessions.set(TOKEN!, user);

let projected = 0;
if (CRASH_AT)
	registerProjector('preinscription', (rev) => {
		if (rev.body.state === 'submitted' && ++projected === Number(CRASH_AT)) process.kill(process.pid, 'SIGKILL');
	});

const server = await listen(h.app, Number(PORT ?? 0));
console.log(`ready ${server.port}`);
