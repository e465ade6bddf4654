// Places offered, the family's answer from its device, the deadline and its grace, the waiting
// list at work, the expiry job and the contracts (issue 10 item 5), on real SQLite with a real
// PouchDB family through /sync. The session and its waiting list are SQL rows here (the session's
// close is another helper's): makeOffer is called as the close calls it.
// Rules: S-PROJ-8 (which answers count), S-PROJ-9 (their effects), S-OWN-7 (a sent answer is locked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { PouchDoc, ReplicationInfo } from 'pouchdb-core';
import { OFFER_GRACE_HOURS } from '../../src/lib/domain/commission';
import { REQUEST_STATUS } from '../../src/lib/domain/request-status';
import { statusDocId } from '../../src/lib/domain/service-documents';
import { submittedPreinscription, TEST_CHILD_ID } from '../../sync/test/factories';
import { localDb, Pouch } from '../../sync/test/pouch';
import { CookieJar, signedInStaff } from '../test/harness';
import type { AppDeps } from '../http/env';
import { syncHostFor } from '../sync-host';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { openDesk, openFamily, type Desk, type Family } from '../desk/desk-fixtures';
import { makeOffer, offerNextOnWaitlist } from './offers';
import { OFFER_DEADLINE_KEY as DEADLINE_DAYS_KEY } from './settings';
import {
	OFFER_ALREADY_ANSWERED,
	OFFER_NOT_PENDING,
	OFFER_TOO_LATE,
	OFFER_UNKNOWN
} from './answers';
import { EXPIRED_REASON, runOfferExpiry } from './expiry';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANSWER_LOCKED =
	'Votre réponse à cette proposition a déjà été transmise au service : elle ne peut plus être modifiée.';

let desk: Desk;
let deps: AppDeps;
let structureId: string;
let sessionId: string;
beforeAll(async () => {
	desk = await openDesk();
	const { h } = desk;
	deps = { db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} };
	structureId = (
		h.db.prepare('SELECT id FROM structures ORDER BY position LIMIT 1').get() as { id: string }
	).id;
	sessionId = randomUUID();
	h.db
		.prepare(
			`INSERT INTO commission_sessions (id, date, period_start, period_end, created_at, updated_at)
			 VALUES (?, '2027-03-15', '2027-04-01', '2027-06-30', 0, 0)`
		)
		.run(sessionId);
});
afterAll(() => desk.close());

interface Applicant {
	family: Family;
	docId: string;
	requestId: string;
	number: number;
	/** Puts the docs on the device and pushes; the refusals PouchDB reports (`denied`). */
	push(...docs: PouchDoc[]): Promise<{ id: string; reason?: string }[]>;
}

/** A family whose complete preinscription waits for the commission. */
async function applicant(
	status: string = REQUEST_STATUS.complete,
	extra: Record<string, unknown> = {}
): Promise<Applicant> {
	const family = await openFamily(desk);
	const doc = submittedPreinscription({ choices: [structureId], ...extra });
	await family.send(doc);
	const row = desk.h.db
		.prepare('SELECT id, number FROM requests WHERE household_id = ? AND doc_id = ?')
		.get(family.householdId, doc._id) as { id: string; number: number };
	desk.h.db.prepare('UPDATE requests SET status = ? WHERE id = ?').run(status, row.id);
	return {
		family,
		docId: doc._id,
		requestId: row.id,
		number: row.number,
		async push(...docs) {
			for (const d of docs) await family.device.put(d);
			const denied: { id: string; reason?: string }[] = [];
			const rep = Pouch.replicate(family.device, family.remote);
			rep.on('denied', (e: ReplicationInfo) => {
				const x = e as unknown as { id: string; reason?: string; message?: string };
				denied.push({ id: x.id, reason: x.reason ?? x.message });
			});
			await rep;
			await family.pull();
			return denied;
		}
	};
}

/** Puts `a` on the structure's waiting list (babies) at `rank`, as a session's close does. */
function waitlist(a: Applicant, rank: number) {
	desk.h.db
		.prepare(
			`INSERT INTO commission_waitlist (structure_id, age_group, request_id, session_id, rank, score)
			 VALUES (?, 'babies', ?, ?, ?, 0)`
		)
		.run(structureId, a.requestId, sessionId, rank);
}

function offer(a: Applicant): string {
	return desk.h.db.transaction(
		() =>
			makeOffer(deps, {
				requestId: a.requestId,
				sessionId,
				structureId,
				ageGroup: 'babies',
				startDate: '2027-04-01',
				source: 'session',
				by: { id: desk.staff.id, name: 'Agnès Instructrice' }
			}).offerId
	)();
}

function answer(a: Applicant, offerId: string, what: 'accept' | 'decline', answeredAt: number) {
	return {
		_id: `offer-answer:${randomUUID()}`,
		type: 'offer-answer',
		state: 'submitted',
		requestId: a.docId,
		offerId,
		answer: what,
		...(what === 'decline' ? { reason: 'Nous avons trouvé une assistante maternelle.' } : {}),
		answeredAt: new Date(answeredAt).toISOString()
	};
}

const statusOf = (a: Applicant) =>
	(
		desk.h.db.prepare('SELECT status FROM requests WHERE id = ?').get(a.requestId) as {
			status: string;
		}
	).status;
const offersOf = (a: Applicant) =>
	desk.h.db
		.prepare('SELECT id, state, source FROM offers WHERE request_id = ? ORDER BY offered_at, id')
		.all(a.requestId) as { id: string; state: string; source: string }[];
const contractsOf = (a: Applicant) =>
	desk.h.db.prepare('SELECT * FROM contracts WHERE request_id = ?').all(a.requestId) as {
		id: string;
		child_id: string;
		child_name: string;
		structure_id: string;
		start_date: string;
		status: string;
	}[];
const eventsOf = (a: Applicant) =>
	desk.h.db
		.prepare(
			'SELECT action, status, actor_name, reason FROM request_events WHERE request_id = ? ORDER BY id'
		)
		.all(a.requestId) as { action: string; status: string; actor_name: string; reason: string }[];
const eventOf = (a: Applicant) =>
	desk.h.db
		.prepare('SELECT comment FROM request_events WHERE request_id = ? ORDER BY id DESC LIMIT 1')
		.get(a.requestId) as { comment: string };
const mailsTo = (a: Applicant) => desk.h.outboxMails().filter((m) => m.to === a.family.email);
async function deviceStatus(a: Applicant) {
	await a.family.pull();
	return (await a.family.device.get(statusDocId(a.docId))) as unknown as {
		status: string;
		offer?: { offerId: string; deadline: string; structureId: string };
		contract?: { contractId: string; structureId: string; startDate: string };
		reason?: string;
		waitlist?: { structureId: string; structureName: string; rank: number }[];
		history: { status: string; by?: string }[];
	};
}
const deadlineOf = (offerId: string) =>
	(
		desk.h.db.prepare('SELECT deadline FROM offers WHERE id = ?').get(offerId) as {
			deadline: number;
		}
	).deadline;

/** The audit rows of an action about one request. */
const auditOf = (action: string, number: number) =>
	desk.h.db
		.prepare(
			"SELECT actor_id, json_extract(detail, '$.number') AS number FROM audit_log WHERE action = ? AND json_extract(detail, '$.number') = ? ORDER BY id"
		)
		.all(action, number) as { actor_id: string | null; number: number }[];

describe('an offer and the family’s answer', () => {
	it('the offer reaches the family’s device with its deadline, and a mail', async () => {
		const a = await applicant();
		const offerId = offer(a);
		const seen = await deviceStatus(a);
		expect(seen.status).toBe(REQUEST_STATUS.offered);
		expect(seen.offer).toMatchObject({ offerId, structureId });
		expect(Date.parse(seen.offer!.deadline)).toBe(desk.h.clock.now() + 15 * DAY);
		expect(mailsTo(a).at(-1)!.subject).toMatch(/^Une place vous est proposée/);
		// The family reads the commission's decision; the desk's history names the agent.
		expect(seen.history.at(-1)).toMatchObject({
			status: REQUEST_STATUS.offered,
			by: 'Commission d’attribution'
		});
		expect(eventsOf(a).at(-1)).toMatchObject({ action: 'offer', actor_name: 'Agnès Instructrice' });
		expect(eventOf(a).comment).toMatch(/à partir du 1er avril 2027$/);
	});

	it('S-PROJ-9 accepted in time: Admis, one contract, svc:status.contract on the device, mails', async () => {
		const a = await applicant();
		const offerId = offer(a);
		desk.h.clock.advance(2 * DAY);
		expect(await a.push(answer(a, offerId, 'accept', desk.h.clock.now()))).toEqual([]);
		expect(statusOf(a)).toBe(REQUEST_STATUS.admitted);
		const [contract, ...more] = contractsOf(a);
		expect(more).toEqual([]);
		expect(contract).toMatchObject({
			child_id: TEST_CHILD_ID,
			child_name: 'Léa Exemple',
			structure_id: structureId,
			start_date: '2027-04-01',
			status: 'Admis'
		});
		const seen = await deviceStatus(a);
		expect(seen.status).toBe(REQUEST_STATUS.admitted);
		expect(seen.contract).toMatchObject({
			contractId: contract!.id,
			structureId,
			startDate: '2027-04-01'
		});
		expect(seen.offer).toBeUndefined();
		expect(eventsOf(a).at(-1)).toMatchObject({ action: 'accept', actor_name: 'Famille' });
		expect(mailsTo(a).at(-1)!.subject).toMatch(/^Place confirmée/);
		expect(
			desk.h
				.outboxMails()
				.some(
					(m) => m.to === desk.h.config.serviceEmail && m.subject.includes(`demande n° ${a.number}`)
				)
		).toBe(true);
	});

	it('S-PROJ-9 declined: the next on the waiting list gets a new offer; the declined one is not offered again', async () => {
		const a = await applicant(REQUEST_STATUS.waitlisted);
		const b = await applicant(REQUEST_STATUS.waitlisted);
		waitlist(a, 1);
		waitlist(b, 2);
		const offerId = offer(a);
		expect(await a.push(answer(a, offerId, 'decline', desk.h.clock.now()))).toEqual([]);
		expect(statusOf(a)).toBe(REQUEST_STATUS.declined);
		expect(eventsOf(a).at(-1)).toMatchObject({
			action: 'decline',
			reason: 'Nous avons trouvé une assistante maternelle.'
		});
		expect((await deviceStatus(a)).status).toBe(REQUEST_STATUS.declined);
		expect(mailsTo(a).at(-1)!.subject).toMatch(/^Place déclinée/);
		// The freed place goes to b, from the waiting list, without waiting for a session.
		expect(statusOf(b)).toBe(REQUEST_STATUS.offered);
		const [next] = offersOf(b);
		expect(next).toMatchObject({ state: 'pending', source: 'waitlist' });
		expect((await deviceStatus(b)).offer).toMatchObject({ offerId: next!.id, structureId });
		expect(mailsTo(b).at(-1)!.subject).toMatch(/^Une place vous est proposée/);
		expect(offersOf(a)).toHaveLength(1);
		// The service's own decision is in the audit log, without an agent.
		expect(auditOf('commission.offer', b.number)).toEqual([{ actor_id: null, number: b.number }]);
	});

	it('S-PROJ-8 written before the deadline, arriving within the grace: it counts', async () => {
		const a = await applicant();
		const offerId = offer(a);
		const deadline = deadlineOf(offerId);
		const doc = answer(a, offerId, 'accept', deadline - HOUR);
		desk.h.clock.set(deadline + (OFFER_GRACE_HOURS - 1) * HOUR);
		expect(await a.push(doc)).toEqual([]);
		expect(statusOf(a)).toBe(REQUEST_STATUS.admitted);
		expect(contractsOf(a)).toHaveLength(1);
	});

	it('S-PROJ-8 written after the deadline: refused with its reason, the offer still pending', async () => {
		const a = await applicant();
		const offerId = offer(a);
		const deadline = deadlineOf(offerId);
		desk.h.clock.set(deadline + HOUR);
		const doc = answer(a, offerId, 'accept', deadline + 30 * 60_000);
		expect(await a.push(doc)).toEqual([{ id: doc._id, reason: OFFER_TOO_LATE }]);
		expect(statusOf(a)).toBe(REQUEST_STATUS.offered);
		expect(contractsOf(a)).toEqual([]);
		expect(offersOf(a)[0]!.state).toBe('pending');
	});

	it('S-PROJ-8 arriving after deadline + 48 h: refused even if written in time', async () => {
		const a = await applicant();
		const offerId = offer(a);
		const deadline = deadlineOf(offerId);
		desk.h.clock.set(deadline + OFFER_GRACE_HOURS * HOUR + 60_000);
		const doc = answer(a, offerId, 'accept', deadline - DAY);
		expect(await a.push(doc)).toEqual([{ id: doc._id, reason: OFFER_TOO_LATE }]);
		expect(statusOf(a)).toBe(REQUEST_STATUS.offered);
		expect(contractsOf(a)).toEqual([]);
	});

	it('S-PROJ-8 a second answer is refused; a replay of the first makes no second contract', async () => {
		const a = await applicant();
		const offerId = offer(a);
		const first = answer(a, offerId, 'accept', desk.h.clock.now());
		expect(await a.push(first)).toEqual([]);
		const second = answer(a, offerId, 'decline', desk.h.clock.now());
		expect(await a.push(second)).toEqual([{ id: second._id, reason: OFFER_ALREADY_ANSWERED }]);
		// Another device of the family replays the same answer (same revision).
		const other = localDb();
		await Pouch.replicate(a.family.device, other, { doc_ids: [first._id] });
		await Pouch.replicate(other, a.family.remote);
		expect(contractsOf(a)).toHaveLength(1);
		expect(eventsOf(a).filter((e) => e.action === 'accept')).toHaveLength(1);
		expect(statusOf(a)).toBe(REQUEST_STATUS.admitted);
	});

	it('S-OWN-7 a sent answer is locked: an edit is refused and the device keeps what was sent', async () => {
		const a = await applicant();
		const offerId = offer(a);
		const first = answer(a, offerId, 'accept', desk.h.clock.now());
		expect(await a.push(first)).toEqual([]);
		const sent = await a.family.device.get(first._id);
		await a.family.device.put({ ...sent, answer: 'decline' });
		expect(await a.push()).toEqual([{ id: first._id, reason: ANSWER_LOCKED }]);
		expect(((await a.family.device.get(first._id)) as unknown as { answer: string }).answer).toBe(
			'accept'
		);
		expect(statusOf(a)).toBe(REQUEST_STATUS.admitted);
	});

	it('S-PROJ-8 a household cannot answer another household’s offer', async () => {
		const a = await applicant();
		const intruder = await applicant();
		const offerId = offer(a);
		const forged = { ...answer(a, offerId, 'decline', desk.h.clock.now()) };
		expect(await intruder.push(forged)).toEqual([{ id: forged._id, reason: OFFER_UNKNOWN }]);
		// Naming its own request with the other household's offer does not work either.
		const mixed = { ...answer(intruder, offerId, 'decline', desk.h.clock.now()) };
		expect(await intruder.push(mixed)).toEqual([{ id: mixed._id, reason: OFFER_UNKNOWN }]);
		expect(statusOf(a)).toBe(REQUEST_STATUS.offered);
		expect(offersOf(a)[0]!.state).toBe('pending');
	});

	it('S-PROJ-8 a request no longer waiting for the answer: refused with a reason, never a 500', async () => {
		const a = await applicant();
		const offerId = offer(a);
		// Whatever moved it (a later decision recorded by the service), the offer is not answerable.
		desk.h.db.prepare("UPDATE requests SET status = 'Refusée' WHERE id = ?").run(a.requestId);
		const doc = answer(a, offerId, 'accept', desk.h.clock.now());
		expect(await a.push(doc)).toEqual([{ id: doc._id, reason: OFFER_NOT_PENDING }]);
		expect(contractsOf(a)).toEqual([]);
		expect(offersOf(a)[0]!.state).toBe('pending');
	});
});

describe('the expiry job', () => {
	it('past deadline + grace: Place déclinée, the next on the list offered, exactly once', async () => {
		const a = await applicant(REQUEST_STATUS.waitlisted);
		const b = await applicant(REQUEST_STATUS.waitlisted);
		waitlist(a, 1);
		waitlist(b, 2);
		const offerId = offer(a);
		const deadline = deadlineOf(offerId);
		desk.h.clock.set(deadline + OFFER_GRACE_HOURS * HOUR - 60_000);
		runOfferExpiry(deps, desk.h.clock.now());
		expect(statusOf(a)).toBe(REQUEST_STATUS.offered); // still within the grace
		desk.h.clock.set(deadline + OFFER_GRACE_HOURS * HOUR + 60_000);
		runOfferExpiry(deps, desk.h.clock.now());
		runOfferExpiry(deps, desk.h.clock.now());
		expect(statusOf(a)).toBe(REQUEST_STATUS.declined);
		expect(offersOf(a)[0]!.state).toBe('expired');
		expect(eventsOf(a).filter((e) => e.action === 'expire')).toEqual([
			{
				action: 'expire',
				status: REQUEST_STATUS.declined,
				actor_name: 'Commission d’attribution',
				reason: EXPIRED_REASON
			}
		]);
		const seen = await deviceStatus(a);
		expect(seen).toMatchObject({ status: REQUEST_STATUS.declined, reason: EXPIRED_REASON });
		expect(
			mailsTo(a).filter((m) => m.subject.startsWith('Proposition de place expirée'))
		).toHaveLength(1);
		expect(offersOf(b)).toMatchObject([{ state: 'pending', source: 'waitlist' }]);
		expect(statusOf(b)).toBe(REQUEST_STATUS.offered);
		expect(auditOf('commission.expire', a.number)).toEqual([{ actor_id: null, number: a.number }]);
		// A late answer after the expiry is refused.
		const late = answer(a, offerId, 'accept', deadline - HOUR);
		expect(await a.push(late)).toEqual([{ id: late._id, reason: OFFER_TOO_LATE }]);
	});
});

describe('the waiting list at work', () => {
	it('the deadline follows the admins’ setting (commission.offerDeadlineDays)', async () => {
		const a = await applicant();
		desk.h.db.prepare("INSERT INTO settings (key, value) VALUES (?, '10')").run(DEADLINE_DAYS_KEY);
		try {
			const offerId = offer(a);
			expect(deadlineOf(offerId)).toBe(desk.h.clock.now() + 10 * DAY);
			expect(Date.parse((await deviceStatus(a)).offer!.deadline)).toBe(
				desk.h.clock.now() + 10 * DAY
			);
		} finally {
			desk.h.db.prepare('DELETE FROM settings WHERE key = ?').run(DEADLINE_DAYS_KEY);
		}
	});

	it('families still waiting see their rank move up as places are offered above them', async () => {
		const a = await applicant(REQUEST_STATUS.waitlisted);
		const b = await applicant(REQUEST_STATUS.waitlisted);
		const c = await applicant(REQUEST_STATUS.waitlisted);
		waitlist(a, 1);
		waitlist(b, 2);
		waitlist(c, 3);
		// The session's close told c its rank (svc:status), as SESSION writes it.
		const [written] = writeHouseholdDocs(syncHostFor(deps), c.family.householdId, [
			{
				_id: statusDocId(c.docId),
				type: 'status',
				subjectId: c.docId,
				subjectType: 'preinscription',
				requestNumber: c.number,
				status: REQUEST_STATUS.waitlisted,
				waitlist: [{ structureId, structureName: 'Cocon de Soie', rank: 3 }],
				history: [
					{ status: REQUEST_STATUS.submitted, at: new Date(desk.h.clock.now()).toISOString() },
					{ status: REQUEST_STATUS.waitlisted, at: new Date(desk.h.clock.now()).toISOString() }
				]
			}
		]);
		expect(written).toMatchObject({ ok: true });
		const offerId = offer(a);
		expect((await deviceStatus(c)).waitlist).toEqual([
			{ structureId, structureName: 'Cocon de Soie', rank: 2 }
		]);
		expect(await a.push(answer(a, offerId, 'decline', desk.h.clock.now()))).toEqual([]);
		const seen = await deviceStatus(c);
		expect(seen.status).toBe(REQUEST_STATUS.waitlisted);
		expect(seen.waitlist).toEqual([{ structureId, structureName: 'Cocon de Soie', rank: 1 }]);
		expect(offersOf(b)).toHaveLength(1);
	});

	it('a place freed after its start date is offered from today, never in the past', async () => {
		desk.h.db.prepare('DELETE FROM commission_waitlist').run(); // earlier tests' lists
		desk.h.clock.set(Math.max(desk.h.clock.now(), Date.UTC(2027, 4, 1, 8)));
		const b = await applicant(REQUEST_STATUS.waitlisted, { wishedStartDate: '2027-05-12' });
		waitlist(b, 1);
		desk.h.clock.set(Date.UTC(2027, 4, 20, 8));
		const next = desk.h.db.transaction(() =>
			offerNextOnWaitlist(deps, structureId, 'babies', '2027-04-01', sessionId)
		)();
		expect(next).toMatchObject({ requestId: b.requestId });
		expect((await deviceStatus(b)).offer).toMatchObject({ startDate: '2027-05-20' });
		// Nobody else waiting: the next freed place is kept, nothing is offered.
		expect(
			desk.h.db.transaction(() =>
				offerNextOnWaitlist(deps, structureId, 'babies', '2027-04-01', sessionId)
			)()
		).toBeNull();
	});
});

describe('contracts', () => {
	it('staff list every contract with the family; a parent only its own; others refused', async () => {
		const a = await applicant();
		const b = await applicant();
		const offerId = offer(a);
		expect(await a.push(answer(a, offerId, 'accept', desk.h.clock.now()))).toEqual([]);
		const [contract] = contractsOf(a);

		// Signed in now: the clock moved past earlier sessions' expiry in the tests above.
		const staff = await signedInStaff(desk.h, 'staff');
		const agent = await desk.h.call(
			'GET',
			`/api/agent/contracts?structure=${structureId}`,
			undefined,
			staff.jar
		);
		expect(agent.status).toBe(200);
		const items = (await agent.json()).items as { id: string; family: unknown; number: number }[];
		expect(items.find((i) => i.id === contract!.id)).toMatchObject({
			number: a.number,
			structureId,
			startDate: '2027-04-01',
			status: 'Admis',
			child: { id: TEST_CHILD_ID, name: 'Léa Exemple' },
			family: { lastName: expect.any(String) }
		});
		const other = await desk.h.call(
			'GET',
			'/api/agent/contracts?structure=inconnue',
			undefined,
			staff.jar
		);
		expect((await other.json()).items).toEqual([]);

		const own = await desk.h.call('GET', '/api/family/contracts', undefined, a.family.jar);
		expect(own.status).toBe(200);
		const mine = (await own.json()).items as Record<string, unknown>[];
		expect(mine.map((i) => i.id)).toEqual([contract!.id]);
		expect(mine[0]).not.toHaveProperty('family');
		const theirs = await desk.h.call('GET', '/api/family/contracts', undefined, b.family.jar);
		expect((await theirs.json()).items).toEqual([]);

		expect(
			(await desk.h.call('GET', '/api/family/contracts', undefined, new CookieJar())).status
		).toBe(401);
		expect((await desk.h.call('GET', '/api/family/contracts', undefined, staff.jar)).status).toBe(
			403
		);
		const admin = await signedInStaff(desk.h, 'admin');
		expect((await desk.h.call('GET', '/api/family/contracts', undefined, admin.jar)).status).toBe(
			403
		);
		expect((await desk.h.call('GET', '/api/agent/contracts', undefined, a.family.jar)).status).toBe(
			403
		);
		expect(
			(await desk.h.call('GET', '/api/agent/contracts', undefined, new CookieJar())).status
		).toBe(401);
	});
});
