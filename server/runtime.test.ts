// Start-up: reference data in every mode, demo accounts and demo mailbox only in demo mode.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { testConfig } from './config';
import { recordRequestEvent } from './desk/events';
import { setServiceMailMode } from './desk/notify-settings';
import { createRuntime } from './runtime';
import { createHousehold, DEMO_ACCOUNTS, insertActiveUser } from './seed/seed';
import { householdDbName } from '../sync/server/access';
import { writeHouseholdDocs } from '../sync/server/service-writes';
import { SyncStore } from '../sync/server/store';
import { declareTestChild } from '../sync/server/test-harness';
import { submittedPreinscription } from '../sync/test/factories';
import { syncHostFor } from './sync-host';
import { socketFrom } from './test/harness';

/** The demo mailbox answers loopback clients only. */
const fromLoopback = socketFrom('127.0.0.1');

const fileConfig = (demo: boolean) => {
	const dataDir = mkdtempSync(join(tmpdir(), 'ef-rt-'));
	return testConfig({ dataDir, databaseFile: join(dataDir, 'db.sqlite'), demo });
};

async function post(
	app: Awaited<ReturnType<typeof createRuntime>>['app'],
	path: string,
	body: unknown
) {
	return app.request(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

describe('runtime', () => {
	it('seeds the 16 structures and the demo accounts once, and shows mails on the demo mailbox', async () => {
		const config = fileConfig(true);
		const rt = await createRuntime(config);
		expect(rt.seededDemo).toBe(true);
		const login = await post(rt.app, '/api/auth/login', {
			username: DEMO_ACCOUNTS.parent.username,
			password: DEMO_ACCOUNTS.parent.password
		});
		expect(login.status).toBe(200);
		expect(
			(
				await post(rt.app, '/api/auth/login', {
					username: DEMO_ACCOUNTS.staff.username,
					password: DEMO_ACCOUNTS.staff.password
				})
			).status
		).toBe(200);
		await post(rt.app, '/api/auth/password-reset/request', { email: DEMO_ACCOUNTS.parent.email });
		await rt.worker.drain();
		const { mails } = await (await rt.app.request('/api/demo/mails', {}, fromLoopback)).json();
		expect(mails[0]).toMatchObject({
			to: DEMO_ACCOUNTS.parent.email,
			subject: 'Réinitialisation de votre mot de passe'
		});
		// The demo family's file: a declaration numbered by the real projector, a welcome message,
		// last month's invoice.
		const { household_id: hh } = rt.db
			.prepare('SELECT household_id FROM users WHERE username = ?')
			.get(DEMO_ACCOUNTS.parent.username) as { household_id: string };
		expect(
			rt.db.prepare('SELECT number, type, status FROM requests WHERE household_id = ?').all(hh)
		).toEqual([{ number: 1, type: 'entourage', status: 'Déposée' }]);
		const svcDocs = rt.db
			.prepare(
				"SELECT doc_id AS id FROM sync_docs WHERE db = ? AND doc_id LIKE 'svc:%' AND deleted = 0 ORDER BY doc_id"
			)
			.all(`hh-${hh}`) as { id: string }[];
		expect(svcDocs.map((d) => d.id.split(':').slice(0, 2).join(':'))).toEqual([
			'svc:invoice',
			'svc:message',
			'svc:status'
		]);
		// The commission calendar of this year and the next, as « Planifier l’année » makes it.
		const year = new Date().getFullYear();
		const { sessions } = await (await rt.app.request('/api/commission')).json();
		expect(sessions.map((s: { date: string }) => s.date.slice(0, 7))).toEqual(
			[year, year + 1].flatMap((y) => ['03', '06', '09', '12'].map((m) => `${y}-${m}`))
		);
		await rt.close();

		const again = await createRuntime(config); // a restart keeps the data and seeds nothing twice
		expect(again.seededDemo).toBe(false);
		expect(
			(again.db.prepare('SELECT COUNT(*) AS n FROM structures').get() as { n: number }).n
		).toBe(16);
		expect((again.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(2);
		await again.close();
	});

	it('outside demo mode: structures only, no demo accounts, no demo mailbox', async () => {
		const rt = await createRuntime(fileConfig(false));
		expect((rt.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(0);
		expect((rt.db.prepare('SELECT COUNT(*) AS n FROM structures').get() as { n: number }).n).toBe(
			16
		);
		expect((await rt.app.request('/api/demo/mails', {}, fromLoopback)).status).toBe(404);
		await rt.close();
	});

	it('sends the daily digest once a day, a restart included, and wires the webhook to the worker', async () => {
		const config = {
			...fileConfig(false),
			webhookUrl: 'http://127.0.0.1:9/hook', // discard port: the call fails and stays queued
			webhookSecret: 'un-secret-assez-long'
		};
		const clock = new ManualClock(Date.UTC(2026, 10, 26, 6, 30)); // 07:30 in Paris
		const rt = await createRuntime(config, {}, clock);
		setServiceMailMode(rt.db, 'digest');
		const hh = 'hh-digest';
		rt.db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(hh, 'x');
		rt.db
			.prepare(
				`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
				 VALUES ('r1', 1, ?, 'preinscription:1', 'preinscription', 'Déposée', 'x', 'x')`
			)
			.run(hh);
		rt.db.transaction(() =>
			recordRequestEvent(
				rt.db,
				{
					requestId: 'r1',
					number: 1,
					action: 'submit',
					status: 'Déposée',
					actorId: null,
					actorName: 'Famille'
				},
				clock.now()
			)
		)();
		expect(rt.digest.tick()).toBe('sent');
		await rt.worker.drain();
		const kinds = rt.db
			.prepare('SELECT kind, sent_at IS NOT NULL AS sent FROM outbox ORDER BY id')
			.all();
		expect(kinds).toEqual([
			{ kind: 'webhook', sent: 0 },
			{ kind: 'mail', sent: 1 }
		]);
		await rt.close();
		const again = await createRuntime(config, {}, clock);
		expect(again.digest.tick()).toBe('already-sent');
		clock.advance(86_400_000);
		expect(again.digest.tick()).toBe('nothing-new');
		await again.close();
	});

	it('asks waiting families to confirm before a session from its start, once across restarts', async () => {
		const config = fileConfig(false);
		const clock = new ManualClock(); // 26 novembre 2026
		const rt = await createRuntime(config, {}, clock);
		const householdId = createHousehold(rt.db);
		await insertActiveUser(rt.db, {
			username: 'famille-rappel',
			email: 'famille-rappel@test.localhost',
			password: 'Tr3s-Bon-Secret',
			role: 'parent',
			lastName: 'Rappel',
			firstNames: 'Inès',
			householdId
		});
		declareTestChild(rt.db, householdId);
		const deps = { db: rt.db, config, clock, kickOutbox: () => {} };
		writeHouseholdDocs(syncHostFor(deps), householdId, [submittedPreinscription()], 'parent');
		rt.db
			.prepare(
				`INSERT INTO commission_sessions (id, date, period_start, period_end, reminder_days, created_at, updated_at)
				 VALUES ('s1', '2026-12-15', '2027-01-01', '2027-03-31', 14, 0, 0)`
			)
			.run();
		expect(rt.reminders.tick()).toBe(0); // 1er décembre: not yet
		await rt.close();

		clock.set(Date.UTC(2026, 11, 1, 8)); // 1er décembre 2026, 09:00 in Paris
		const messages = (db: typeof rt.db) =>
			SyncStore.for(db).liveBodies(householdDbName(householdId), 'svc:message:');
		const started = await createRuntime(config, {}, clock); // checks at start
		expect(messages(started.db).map((m) => m.body.title)).toEqual([
			'Commission du 15 décembre 2026 : confirmez votre situation'
		]);
		await started.close();
		const again = await createRuntime(config, {}, clock);
		expect(again.reminders.tick()).toBe(0);
		expect(messages(again.db)).toHaveLength(1);
		await again.close();
	});

	it('expires the offers left without an answer at start, once across restarts', async () => {
		const config = fileConfig(false);
		const clock = new ManualClock();
		const first = await createRuntime(config, {}, clock);
		const db = first.db;
		const hh = randomUUID();
		const sessionId = randomUUID();
		const requestId = randomUUID();
		const offerId = randomUUID();
		const at = new Date(clock.now()).toISOString();
		db.prepare('INSERT INTO households (id, created_at) VALUES (?, ?)').run(hh, at);
		db.prepare(
			`INSERT INTO requests (id, number, household_id, doc_id, type, status, submitted_at, updated_at)
			 VALUES (?, 1, ?, ?, 'preinscription', 'Place proposée', ?, ?)`
		).run(requestId, hh, `preinscription:${randomUUID()}`, at, at);
		db.prepare(
			`INSERT INTO commission_sessions (id, date, period_start, period_end, created_at, updated_at)
			 VALUES (?, '2027-03-15', '2027-04-01', '2027-06-30', 0, 0)`
		).run(sessionId);
		db.prepare(
			`INSERT INTO offers (id, request_id, household_id, session_id, structure_id, age_group, start_date,
			 offered_at, deadline, source) VALUES (?, ?, ?, ?, 'cocon-de-soie', 'babies', '2027-04-01', ?, ?, 'session')`
		).run(offerId, requestId, hh, sessionId, clock.now(), clock.now() + 86_400_000);
		await first.close();

		clock.advance(4 * 86_400_000); // past the deadline and its 48 h grace
		const second = await createRuntime(config, {}, clock);
		const state = () =>
			second.db.prepare('SELECT state FROM offers WHERE id = ?').get(offerId) as { state: string };
		expect(state().state).toBe('expired');
		expect(second.db.prepare('SELECT status FROM requests WHERE id = ?').get(requestId)).toEqual({
			status: 'Place déclinée'
		});
		await second.close();
		const third = await createRuntime(config, {}, clock);
		expect(
			third.db
				.prepare(
					"SELECT COUNT(*) AS n FROM request_events WHERE request_id = ? AND action = 'expire'"
				)
				.get(requestId)
		).toEqual({ n: 1 });
		await third.close();
	});
});
