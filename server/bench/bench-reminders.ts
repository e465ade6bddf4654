// npm run bench:reminders — the commission's reminder on this machine: BENCH_HOUSEHOLDS households
// (default 2 000), each with one waiting pre-registration, on a database file; times the one
// transaction that writes a `svc:message` per request, a mail per household and the session's
// reminded_at (the server does nothing else meanwhile: SQLite has one writer). Prints the figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { declareTestChild } from '../../sync/server/test-harness';
import { submittedPreinscription } from '../../sync/test/factories';
import { createApp } from '../app';
import { ManualClock } from '../clock';
import { runCommissionReminders } from '../commission/reminders';
import { testConfig } from '../config';
import { openDatabase } from '../db';
import { createHousehold, seedStructures } from '../seed/seed';
import { syncHostFor } from '../sync-host';

const HOUSEHOLDS = Math.min(Number(process.env.BENCH_HOUSEHOLDS ?? 2000), 20_000);

const dir = mkdtempSync(join(tmpdir(), 'bench-reminders-'));
try {
	const db = openDatabase(join(dir, 'bench.sqlite'));
	seedStructures(db);
	const clock = new ManualClock(); // 26 novembre 2026
	const deps = { db, config: testConfig(), clock, kickOutbox: () => {} };
	createApp(deps); // the sync layer's projectors number each request
	const host = syncHostFor(deps);
	const setup = performance.now();
	const user = db.prepare(
		`INSERT INTO users (id, username, username_key, email, email_key, password_hash, role, household_id,
		 last_name, first_names, activated_at, created_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, 'bench', 'parent', ?, 'Famille', 'Bench', ?, ?, ?)`
	);
	const at = new Date(clock.now()).toISOString();
	for (let i = 0; i < HOUSEHOLDS; i++) {
		const householdId = createHousehold(db, clock.now());
		const name = `bench-${i}`;
		user.run(
			name,
			name,
			name,
			`${name}@bench.localhost`,
			`${name}@bench.localhost`,
			householdId,
			at,
			at,
			at
		);
		declareTestChild(db, householdId);
		const [r] = writeHouseholdDocs(host, householdId, [submittedPreinscription()], 'parent');
		if (!r || !('ok' in r)) throw new Error(`preinscription refused: ${JSON.stringify(r)}`);
	}
	db.prepare(
		`INSERT INTO commission_sessions (id, date, period_start, period_end, reminder_days, created_at, updated_at)
		 VALUES ('bench', '2027-03-15', '2027-04-01', '2027-06-30', 14, 0, 0)`
	).run();
	console.log(`setup: ${HOUSEHOLDS} households in ${Math.round(performance.now() - setup)} ms`);

	const start = performance.now();
	const reminded = runCommissionReminders(deps, Date.UTC(2027, 2, 1, 9));
	const ms = performance.now() - start;
	const messages = (
		db.prepare("SELECT COUNT(*) AS n FROM sync_docs WHERE doc_id LIKE 'svc:message:%'").get() as {
			n: number;
		}
	).n;
	const mails = (
		db
			.prepare(
				"SELECT COUNT(*) AS n FROM outbox WHERE kind = 'mail' AND payload LIKE '%confirmez votre situation%'"
			)
			.get() as { n: number }
	).n;
	console.log(
		`reminder: ${reminded} session, ${messages} messages, ${mails} mails in ${Math.round(ms)} ms (${(ms / HOUSEHOLDS).toFixed(2)} ms per household, one transaction)`
	);
	db.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
