// POST /api/agent/requests/{number}/messages: an agent writes to a family about its request; the
// family's real PouchDB client reads it (Mes actualités), a mail says so, the audit log has it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedPreinscription } from '../../sync/test/factories';
import { CookieJar, signedInParent } from '../test/harness';
import { openDesk, openFamily, type Desk } from './desk-fixtures';

let desk: Desk;
beforeAll(async () => {
	desk = await openDesk();
});
afterAll(() => desk.close());

const write = (number: number | string, body: unknown, jar = desk.staff.jar) =>
	desk.h.call('POST', `/api/agent/requests/${number}/messages`, body, jar);

describe('messages to a family', () => {
	it('the family reads the message on its device, linked to its request, and gets a mail', async () => {
		const family = await openFamily(desk, { lastName: 'Durand', civility: 'Monsieur' });
		const doc = submittedPreinscription();
		await family.send(doc);
		const number = family.numberOf(doc._id);
		const mails = desk.h.outboxMails().length;

		const res = await write(number, {
			body: 'La crèche Cocon de Soie vous propose une visite le 3 décembre.'
		});
		expect(res.status).toBe(201);
		const { id, title } = await res.json();
		expect(title).toBe(`Au sujet de votre demande n° ${number}`);

		await family.pull();
		expect(await family.device.get(id)).toMatchObject({
			type: 'message',
			title,
			body: 'La crèche Cocon de Soie vous propose une visite le 3 décembre.',
			subjectId: doc._id
		});
		const mail = desk.h.outboxMails().slice(mails);
		expect(mail).toHaveLength(1);
		expect(mail[0].subject).toBe(`Nouveau message du service : ${title}`);
		expect(mail[0].text).toContain('Bonjour Monsieur DURAND,');
		expect(mail[0].text).toContain('/espace/actualites');
		expect(
			desk.h.db.prepare("SELECT detail FROM audit_log WHERE action = 'message.send'").all()
		).toEqual([{ detail: JSON.stringify({ number, messageId: id }) }]);
	});

	it('an empty message is refused in French and nothing is written; unknown request 404', async () => {
		const family = await openFamily(desk, { lastName: 'Petit', civility: 'Madame' });
		const doc = submittedPreinscription();
		await family.send(doc);
		const number = family.numberOf(doc._id);
		const mails = desk.h.outboxMails().length;
		const res = await write(number, { title: 'Visite', body: '   ' });
		expect(res.status).toBe(400);
		expect((await res.json()).error.message).toBe('Le champ « Message » est obligatoire.');
		expect(desk.h.outboxMails()).toHaveLength(mails);
		expect((await write(999999, { body: 'x' })).status).toBe(404);
	});

	it('anonymous 401, parent 403', async () => {
		expect((await write(1, { body: 'x' }, new CookieJar())).status).toBe(401);
		const parent = await signedInParent(desk.h);
		expect((await write(1, { body: 'x' }, parent.jar)).status).toBe(403);
	});
});
