// POST /api/agent/requests/{number}/actions: the agents' actions through HTTP, what the family's
// real PouchDB client then reads (svc:status, svc:message), the family's mail, the 409s and two
// agents acting at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PouchDoc } from 'pouchdb-core';
import { submittedPreinscription } from '../../sync/test/factories';
import { DocRefused } from '../../sync/server/errors';
import { registerProjector } from '../../sync/server/index';
import { signedInStaff } from '../test/harness';
import { openDesk, openFamily, type Desk, type Family } from './desk-fixtures';

let desk: Desk;
beforeAll(async () => {
	desk = await openDesk();
});
afterAll(() => desk.close());

const act = (number: number, body: Record<string, unknown>, jar = desk.staff.jar) =>
	desk.h.call('POST', `/api/agent/requests/${number}/actions`, body, jar);

async function submitted(): Promise<{ family: Family; doc: PouchDoc; number: number }> {
	const family = await openFamily(desk, { lastName: 'Martin', civility: 'Madame' });
	const doc = submittedPreinscription();
	await family.send(doc);
	return { family, doc, number: family.numberOf(doc._id) };
}

const uuidOf = (docId: string) => docId.slice(docId.indexOf(':') + 1);

describe('agent actions', () => {
	it('take, ask for pieces, refuse: the family reads each status, the message and its mails', async () => {
		const { family, doc, number } = await submitted();
		const mailsBefore = desk.h.outboxMails().length;

		const take = await act(number, {
			action: 'take',
			comment: 'Dossier suivi par Agnès.',
			version: 1
		});
		expect(take.status).toBe(200);
		expect(await take.json()).toEqual({ status: 'En cours d’instruction', version: 2 });
		// The desk's list follows (its index is kept by triggers on requests).
		const listed = await (
			await desk.h.call('GET', `/api/agent/requests?q=${number}`, undefined, desk.staff.jar)
		).json();
		expect(listed.items).toEqual([
			expect.objectContaining({ number, status: 'En cours d’instruction' })
		]);

		const noMessage = await act(number, { action: 'ask-pieces', message: '  ' });
		expect(noMessage.status).toBe(400);
		expect((await noMessage.json()).error.message).toBe(
			'Dites à la famille quelles pièces manquent.'
		);

		const ask = await act(number, {
			action: 'ask-pieces',
			message: 'Un justificatif de domicile de moins de trois mois.',
			version: 2
		});
		expect(ask.status).toBe(200);
		expect(await ask.json()).toEqual({ status: 'Pièces demandées', version: 3 });

		// The family's device, through a real replication.
		await family.pull();
		const status = (await family.device.get(`svc:status:${doc._id}`)) as Record<string, unknown>;
		expect(status).toMatchObject({
			status: 'Pièces demandées',
			requestNumber: number,
			piecesRequested: 'Un justificatif de domicile de moins de trois mois.'
		});
		expect(status.history).toEqual([
			{ status: 'Déposée', at: expect.any(String) },
			expect.objectContaining({
				status: 'En cours d’instruction',
				by: 'Agnès Instructrice',
				comment: 'Dossier suivi par Agnès.'
			}),
			expect.objectContaining({
				status: 'Pièces demandées',
				by: 'Agnès Instructrice',
				message: 'Un justificatif de domicile de moins de trois mois.'
			})
		]);
		const messages = await family.device.allDocs({
			startkey: 'svc:message:',
			endkey: 'svc:message:\uffff',
			include_docs: true
		});
		expect(messages.rows.map((r) => r.doc)).toEqual([
			expect.objectContaining({
				type: 'message',
				title: `Pièces demandées pour votre demande n° ${number}`,
				body: 'Un justificatif de domicile de moins de trois mois.',
				subjectId: doc._id
			})
		]);

		const complete = await act(number, { action: 'complete' });
		expect(complete.status).toBe(409);
		expect((await complete.json()).error.message).toBe(
			'Action « Marquer complète » impossible : la demande est « Pièces demandées ».'
		);

		const noReason = await act(number, { action: 'refuse' });
		expect(noReason.status).toBe(400);
		expect((await noReason.json()).error.message).toBe('Le motif du refus est obligatoire.');
		const refuse = await act(number, {
			action: 'refuse',
			reason: 'La famille ne réside pas dans l’agglomération.'
		});
		expect(refuse.status).toBe(200);
		expect(await refuse.json()).toEqual({ status: 'Refusée', version: 4 });
		await family.pull();
		const refused = (await family.device.get(`svc:status:${doc._id}`)) as Record<string, unknown>;
		expect(refused).toMatchObject({
			status: 'Refusée',
			reason: 'La famille ne réside pas dans l’agglomération.'
		});
		expect(refused.piecesRequested).toBeUndefined();
		expect((await act(number, { action: 'close' })).status).toBe(409);

		// One mail per status change, to the family, in French, with a link to the request.
		const mails = desk.h.outboxMails().slice(mailsBefore);
		expect(mails.map((m) => [m.to, m.subject])).toEqual([
			[family.email, `Votre demande n° ${number} : En cours d’instruction`],
			[family.email, `Votre demande n° ${number} : Pièces demandées`],
			[family.email, `Votre demande n° ${number} : Refusée`]
		]);
		expect(mails[1].text).toContain('Bonjour Madame MARTIN,');
		expect(mails[1].text).toContain('Un justificatif de domicile de moins de trois mois.');
		expect(mails[1].text).toContain(`http://localhost:3000/espace/demandes/${uuidOf(doc._id)}`);
		expect(mails[2].text).toContain('Motif : La famille ne réside pas dans l’agglomération.');

		// The desk's history: each action with the agent's name.
		const detail = await (
			await desk.h.call('GET', `/api/agent/requests/${number}`, undefined, desk.staff.jar)
		).json();
		expect(detail.history).toEqual([
			expect.objectContaining({ action: 'submit', status: 'Déposée', by: 'Famille' }),
			expect.objectContaining({
				action: 'take',
				by: 'Agnès Instructrice',
				comment: 'Dossier suivi par Agnès.'
			}),
			expect.objectContaining({ action: 'ask-pieces', status: 'Pièces demandées' }),
			expect.objectContaining({
				action: 'refuse',
				status: 'Refusée',
				reason: 'La famille ne réside pas dans l’agglomération.'
			})
		]);
		expect(detail.allowedActions).toEqual([]);
		expect(
			desk.h.db
				.prepare(
					"SELECT COUNT(*) AS n FROM audit_log WHERE action = 'request.action' AND household_id = ?"
				)
				.get(family.householdId)
		).toEqual({ n: 3 });
	});

	it('an action on a version the agent no longer sees is refused (409), nothing changes', async () => {
		const { family, doc, number } = await submitted();
		expect((await act(number, { action: 'take', version: 1 })).status).toBe(200);
		const stale = await act(number, { action: 'close', version: 1 });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error.message).toBe(
			'Cette demande vient d’être modifiée par un autre agent : rechargez-la.'
		);
		await family.pull();
		const status = (await family.device.get(`svc:status:${doc._id}`)) as unknown as {
			status: string;
		};
		expect(status.status).toBe('En cours d’instruction');
		expect((await act(99999, { action: 'take' })).status).toBe(404);
		expect((await act(number, { action: 'approve' })).status).toBe(400);
	});

	it('two agents acting at once: one wins, the other gets 409, one history entry', async () => {
		const { family, doc, number } = await submitted();
		const other = await signedInStaff(desk.h, 'staff', { firstNames: 'Bruno', lastName: 'Second' });
		const [a, b] = await Promise.all([
			act(number, { action: 'take', version: 1 }),
			act(number, { action: 'close', reason: 'Doublon.', version: 1 }, other.jar)
		]);
		expect([a.status, b.status].sort()).toEqual([200, 409]);
		const events = desk.h.db
			.prepare("SELECT action FROM request_events WHERE number = ? AND action != 'submit'")
			.all(number);
		expect(events).toHaveLength(1);
		expect(desk.h.db.prepare('SELECT version FROM requests WHERE number = ?').get(number)).toEqual({
			version: 2
		});
		await family.pull();
		const status = (await family.device.get(`svc:status:${doc._id}`)) as unknown as {
			history: unknown[];
		};
		expect(status.history).toHaveLength(2);
		// Twice the same action without a version: the second is not allowed from the new status.
		const { number: n2 } = await submitted();
		const [c, d] = await Promise.all([
			act(n2, { action: 'take' }),
			act(n2, { action: 'take' }, other.jar)
		]);
		expect([c.status, d.status].sort()).toEqual([200, 409]);
	});

	it('nothing is half-written: when the family message is refused, the whole action is undone', async () => {
		const { family, doc, number } = await submitted();
		const count = (sql: string) => (desk.h.db.prepare(sql).get() as { n: number }).n;
		const before = {
			events: count('SELECT COUNT(*) AS n FROM request_events'),
			outbox: count('SELECT COUNT(*) AS n FROM outbox'),
			audit: count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'request.action'")
		};
		const remove = registerProjector('message', () => {
			throw new DocRefused('forbidden', 'Message refusé pour ce test.');
		});
		try {
			const res = await act(number, { action: 'ask-pieces', message: 'Le livret de famille.' });
			expect(res.status).toBe(400);
			expect((await res.json()).error.message).toBe('Message refusé pour ce test.');
		} finally {
			remove();
		}
		expect(
			desk.h.db.prepare('SELECT status, version FROM requests WHERE number = ?').get(number)
		).toEqual({ status: 'Déposée', version: 1 });
		expect({
			events: count('SELECT COUNT(*) AS n FROM request_events'),
			outbox: count('SELECT COUNT(*) AS n FROM outbox'),
			audit: count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'request.action'")
		}).toEqual(before);
		await family.pull();
		const status = (await family.device.get(`svc:status:${doc._id}`)) as unknown as {
			status: string;
			history: unknown[];
		};
		expect(status.status).toBe('Déposée');
		expect(status.history).toHaveLength(1);
		// And the same action goes through once nothing refuses it.
		expect(
			(await act(number, { action: 'ask-pieces', message: 'Le livret de famille.' })).status
		).toBe(200);
	});
});
