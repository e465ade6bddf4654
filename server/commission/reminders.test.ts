// Before a session, families whose pre-registration still waits are asked to confirm their
// situation: a `svc:message` in their database (read offline) and a mail, exactly once — by the
// service's calendar day (Europe/Paris), whatever the number of checks, and across a restart of the
// app on the same database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { householdDbName } from '../../sync/server/access';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { SyncStore } from '../../sync/server/store';
import { declareTestChild } from '../../sync/server/test-harness';
import { submittedEntourage, submittedPreinscription } from '../../sync/test/factories';
import { parseDocId } from '../../src/lib/domain/documents';
import { ManualClock } from '../clock';
import type { AppDeps } from '../http/env';
import { syncHostFor } from '../sync-host';
import { createHarness, signedInParent, signedInStaff, type Harness } from '../test/harness';
import { runCommissionReminders, startCommissionReminders } from './reminders';

const SUBJECT = 'Commission du 15 mars 2027 : confirmez votre situation';
/** 1er mars 2027 00:30 in Paris (UTC+1): 14 days before the session of 15 mars 2027. */
const DUE = Date.UTC(2027, 1, 28, 23, 30);

const depsOf = (h: Harness): AppDeps => ({
	db: h.db,
	config: h.config,
	clock: h.clock,
	kickOutbox: () => {}
});

/** A parent whose household sent `docs` (as its device would, through the sync layer's checks). */
async function family(h: Harness, docs: Record<string, unknown>[]) {
	const { jar, body } = await signedInParent(h);
	const me = await (await h.call('GET', '/api/me', undefined, jar)).json();
	const householdId = me.household.id as string;
	declareTestChild(h.db, householdId);
	const results = writeHouseholdDocs(syncHostFor(depsOf(h)), householdId, docs, 'parent');
	for (const r of results) expect(r).toHaveProperty('ok', true);
	return { householdId, email: body.email as string };
}

function messages(h: Harness, householdId: string) {
	return SyncStore.for(h.db)
		.liveBodies(householdDbName(householdId), 'svc:message:')
		.map((d) => d.body);
}

const reminderMails = (h: Harness) => h.outboxMails().filter((m) => m.subject === SUBJECT);

async function planSession(h: Harness, reminderDays = 14) {
	const admin = (await signedInStaff(h, 'admin')).jar;
	const res = await h.call(
		'POST',
		'/api/agent/commission/sessions',
		{ date: '2027-03-15', periodStart: '2027-04-01', periodEnd: '2027-06-30', reminderDays },
		admin
	);
	expect(res.status).toBe(201);
	return (await res.json()).session as { id: string };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

describe('runCommissionReminders', () => {
	it('asks every family with a waiting pre-registration, once, from the Paris day it is due', async () => {
		const h = createHarness();
		const waiting = submittedPreinscription();
		const a = await family(h, [waiting]);
		const refused = submittedPreinscription();
		const b = await family(h, [refused, submittedEntourage()]);
		h.db.prepare("UPDATE requests SET status = 'Refusée' WHERE doc_id = ?").run(refused._id);
		const session = await planSession(h);
		const deps = depsOf(h);

		// 28 février 2027 23:29 in Paris: not yet.
		expect(runCommissionReminders(deps, DUE - 61 * 60_000)).toBe(0);
		expect(messages(h, a.householdId)).toEqual([]);

		expect(runCommissionReminders(deps, DUE)).toBe(1);
		expect(runCommissionReminders(deps, DUE + 60_000)).toBe(0);
		expect(runCommissionReminders(deps, DUE + 86_400_000)).toBe(0);

		const [message, ...more] = messages(h, a.householdId);
		expect(more).toEqual([]);
		const path = `/espace/demandes/${parseDocId(waiting._id)!.uuid}`;
		expect(message).toMatchObject({ type: 'message', title: SUBJECT, subjectId: waiting._id });
		expect(message.body).toContain(path);
		expect(message.body).toContain('Confirmer ma situation');
		// Not waiting any more (refused), or not a pre-registration: nothing.
		expect(messages(h, b.householdId)).toEqual([]);

		const mails = reminderMails(h);
		expect(mails.map((m) => m.to)).toEqual([a.email]);
		expect(mails[0].text).toContain(`${h.config.publicUrl}${path}`);
		const row = h.db
			.prepare('SELECT reminded_at FROM commission_sessions WHERE id = ?')
			.get(session.id) as { reminded_at: number };
		expect(row.reminded_at).toBe(DUE);
	});

	it('one message per waiting request, one mail per household', async () => {
		const h = createHarness();
		const first = submittedPreinscription();
		const second = submittedPreinscription();
		const a = await family(h, [first, second]);
		await planSession(h);
		expect(runCommissionReminders(depsOf(h), DUE)).toBe(1);
		expect(
			messages(h, a.householdId)
				.map((m) => m.subjectId)
				.sort()
		).toEqual([first._id, second._id].sort());
		expect(reminderMails(h)).toHaveLength(1);
	});

	it('no reminder for a closed session, nor once its date has passed', async () => {
		const h = createHarness();
		await family(h, [submittedPreinscription()]);
		const session = await planSession(h);
		expect(runCommissionReminders(depsOf(h), Date.UTC(2027, 2, 16, 9))).toBe(0);
		h.db.prepare("UPDATE commission_sessions SET state = 'closed' WHERE id = ?").run(session.id);
		expect(runCommissionReminders(depsOf(h), DUE)).toBe(0);
		expect(reminderMails(h)).toEqual([]);
	});

	it('exactly once across a restart of the app on the same database file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'commission-reminders-'));
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		const file = join(dir, 'app.sqlite');
		const clock = new ManualClock();
		const before = createHarness({}, file, clock);
		const a = await family(before, [submittedPreinscription()]);
		await planSession(before);
		clock.set(DUE);
		const job = startCommissionReminders(depsOf(before), clock); // checks at start
		job.stop();
		expect(messages(before, a.householdId)).toHaveLength(1);
		before.db.close();

		const after = createHarness({}, file, clock);
		cleanups.push(() => after.db.close());
		clock.advance(3600_000);
		const again = startCommissionReminders(depsOf(after), clock);
		expect(again.tick()).toBe(0);
		again.stop();
		expect(messages(after, a.householdId)).toHaveLength(1);
		expect(reminderMails(after)).toHaveLength(1);
	});
});
