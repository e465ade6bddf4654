// A family confirms its situation before a session from its device (real PouchDB through /sync):
// the server records it once, with a line in the request's history; a confirmation the service
// cannot take is refused alone with a French reason; once recorded the document is locked (S-OWN-6).
// What the session screen then reads: confirmed or flagged (reminder sent, no confirmation).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PouchDoc, ReplicationInfo } from 'pouchdb-core';
import { submittedPreinscription } from '../../sync/test/factories';
import { Pouch } from '../../sync/test/pouch';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { signedInStaff, type CookieJar } from '../test/harness';
import { openDesk, openFamily, type Desk, type Family } from '../desk/desk-fixtures';
import { checksOf } from './checks';
import { confirmationsOf } from './confirmations';

let desk: Desk;
let admin: CookieJar;
beforeAll(async () => {
	desk = await openDesk();
	admin = (await signedInStaff(desk.h, 'admin')).jar;
});
afterAll(() => desk.close());

let day = 0;
/** A planned session (a different date each time). */
async function planSession(): Promise<string> {
	const date = new Date(Date.UTC(2027, 2, 15 + day++)).toISOString().slice(0, 10);
	const res = await desk.h.call(
		'POST',
		'/api/agent/commission/sessions',
		{ date, periodStart: '2027-04-01', periodEnd: '2027-09-30' },
		admin
	);
	return (await res.json()).session.id;
}

function confirmation(requestId: string, sessionId: string, extra: Record<string, unknown> = {}) {
	return {
		_id: `confirmation:${randomUUID()}`,
		type: 'confirmation',
		state: 'submitted',
		requestId,
		sessionId,
		questionnaire: {
			residentInArea: false,
			professionalSituation: ['parent1Works', 'parent2Works']
		},
		comment: 'Nous travaillons désormais tous les deux.',
		confirmedAt: '2027-03-01T08:00:00.000Z',
		...extra
	};
}

/** Puts the document on the device and pushes it; returns the server's refusals. */
async function push(family: Family, doc: PouchDoc): Promise<string[]> {
	const current = await family.device.get(doc._id).catch(() => null);
	await family.device.put(current ? { ...doc, _rev: current._rev } : doc);
	const denied: ReplicationInfo[] = [];
	const rep = Pouch.replicate(family.device, family.remote);
	rep.on('denied', (e) => denied.push(e));
	await rep;
	return denied.map((e) =>
		String(
			(e as { reason?: string; message?: string }).reason ?? (e as { message?: string }).message
		)
	);
}

async function waitingRequest() {
	const family = await openFamily(desk);
	const request = submittedPreinscription();
	await family.send(request);
	const row = desk.h.db
		.prepare('SELECT id, number FROM requests WHERE doc_id = ?')
		.get(request._id) as { id: string; number: number };
	return { family, request, row };
}

const events = (requestId: string) =>
	desk.h.db
		.prepare(
			'SELECT action, status, actor_name, comment FROM request_events WHERE request_id = ? ORDER BY id'
		)
		.all(requestId) as {
		action: string;
		status: string;
		actor_name: string;
		comment: string | null;
	}[];

describe('confirmation documents (S-OWN-6)', () => {
	it('recorded once with its questionnaire, a history line by « Famille », status unchanged', async () => {
		const { family, request, row } = await waitingRequest();
		const sessionId = await planSession();
		const doc = confirmation(request._id, sessionId);
		expect(await push(family, doc)).toEqual([]);
		// A replay (another sync of the same revision) changes nothing.
		await Pouch.replicate(family.device, family.remote);
		const recorded = confirmationsOf(desk.h.db, sessionId);
		expect(Object.keys(recorded)).toEqual([row.id]);
		expect(recorded[row.id]).toMatchObject({
			questionnaire: {
				residentInArea: false,
				professionalSituation: ['parent1Works', 'parent2Works']
			},
			comment: 'Nous travaillons désormais tous les deux.'
		});
		const date = (
			desk.h.db.prepare('SELECT date FROM commission_sessions WHERE id = ?').get(sessionId) as {
				date: string;
			}
		).date;
		expect(events(row.id).at(-1)).toEqual({
			action: 'confirm',
			status: 'Déposée',
			actor_name: 'Famille',
			comment: `Situation confirmée pour la commission du ${frenchLongDay(date)} : Nous travaillons désormais tous les deux.`
		});
		expect(events(row.id).filter((e) => e.action === 'confirm')).toHaveLength(1);
	});

	it('S-OWN-6: once recorded, the family’s edit of the confirmation is refused with a French reason', async () => {
		const { family, request } = await waitingRequest();
		const sessionId = await planSession();
		const doc = confirmation(request._id, sessionId);
		expect(await push(family, doc)).toEqual([]);
		const refusals = await push(family, { ...doc, comment: 'Changement d’avis' });
		expect(refusals).toEqual([
			'Votre situation a déjà été transmise au service pour cette commission : elle ne peut plus être modifiée.'
		]);
		await family.pull();
		expect((await family.device.get(doc._id)).comment).toBe(
			'Nous travaillons désormais tous les deux.'
		);
	});

	it('refused with a French reason, nothing written, when the service cannot take it', async () => {
		const { family, request, row } = await waitingRequest();
		const sessionId = await planSession();
		const before = events(row.id).length;
		const cases: [Record<string, unknown>, string][] = [
			[
				confirmation(`preinscription:${randomUUID()}`, sessionId),
				'Cette demande n’est pas connue du service pour votre espace : votre situation n’a pas été transmise.'
			],
			[
				confirmation(request._id, randomUUID()),
				'Cette commission n’existe pas ou a été supprimée : votre situation n’a pas été transmise.'
			]
		];
		for (const [doc, reason] of cases)
			expect(await push(family, doc as PouchDoc)).toEqual([reason]);

		const closed = await planSession();
		desk.h.db.prepare("UPDATE commission_sessions SET state = 'closed' WHERE id = ?").run(closed);
		expect(await push(family, confirmation(request._id, closed))).toEqual([
			'Cette commission a déjà eu lieu : votre situation ne peut plus être confirmée pour elle.'
		]);

		expect(await push(family, confirmation(request._id, sessionId))).toEqual([]);
		expect(await push(family, confirmation(request._id, sessionId))).toEqual([
			'Vous avez déjà confirmé votre situation pour cette commission.'
		]);

		desk.h.db.prepare("UPDATE requests SET status = 'Admis' WHERE id = ?").run(row.id);
		const other = await planSession();
		expect(await push(family, confirmation(request._id, other))).toEqual([
			'Cette demande n’attend plus de place : il n’y a pas de situation à confirmer.'
		]);
		expect(events(row.id).length).toBe(before + 1); // the one accepted
		expect(
			desk.h.db
				.prepare('SELECT COUNT(*) AS n FROM commission_confirmations WHERE request_id = ?')
				.get(row.id)
		).toEqual({ n: 1 });
	});
});

describe('what the session screen reads', () => {
	it('confirmed, flagged (reminded without confirmation), and agents’ manual checks', async () => {
		const confirmed = await waitingRequest();
		const silent = await waitingRequest();
		const sessionId = await planSession();
		desk.h.db
			.prepare('UPDATE commission_sessions SET reminded_at = ? WHERE id = ?')
			.run(desk.h.clock.now(), sessionId);
		await push(confirmed.family, confirmation(confirmed.request._id, sessionId));
		const session = desk.h.db
			.prepare('SELECT reminded_at FROM commission_sessions WHERE id = ?')
			.get(sessionId) as { reminded_at: number | null };
		const confirmations = confirmationsOf(desk.h.db, sessionId);
		const flagged = (requestId: string) =>
			session.reminded_at !== null && !confirmations[requestId];
		expect(flagged(confirmed.row.id)).toBe(false);
		expect(flagged(silent.row.id)).toBe(true);

		const staff = desk.staff.jar;
		const path = `/api/agent/commission/requests/${silent.row.number}/checks`;
		const check = await desk.h.call(
			'PUT',
			`${path}/disability`,
			{ met: true, note: 'Attestation MDPH' },
			staff
		);
		expect(check.status).toBe(200);
		expect(await check.json()).toEqual({ checks: { disability: true } });
		const notManual = await desk.h.call('PUT', `${path}/twins`, { met: true }, staff);
		expect(notManual.status).toBe(400);
		expect((await notManual.json()).error.message).toBe(
			'Ce critère n’est pas vérifié par un agent dans la grille en vigueur.'
		);
		expect(
			(
				await desk.h.call(
					'PUT',
					`/api/agent/commission/requests/99999/checks/disability`,
					{ met: true },
					staff
				)
			).status
		).toBe(404);
		expect((await desk.h.call('PUT', `${path}/disability`, { met: 'oui' }, staff)).status).toBe(
			400
		);
		expect(checksOf(desk.h.db, [silent.row.id, confirmed.row.id])).toEqual({
			[silent.row.id]: { disability: true },
			[confirmed.row.id]: {}
		});
		const audit = desk.h.db
			.prepare("SELECT household_id, detail FROM audit_log WHERE action = 'commission.check'")
			.all() as { household_id: string; detail: string }[];
		expect(audit).toHaveLength(1);
		expect(audit[0].household_id).toBe(silent.family.householdId);
		expect(JSON.parse(audit[0].detail)).toMatchObject({ criterionId: 'disability', met: true });
	});
});
