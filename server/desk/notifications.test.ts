// The service is told about new requests: a mail per request over real SMTP, or one daily digest
// at 07:00 (Paris) when admins choose it, exactly once a day.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../mail/transport';
import { startOutboxWorker } from '../mail/worker';
import { createHarness, signedInParent, signedInStaff, type Harness } from '../test/harness';
import { startTestSmtp, type TestSmtp } from '../test/smtp';
import { parisDayAndHour, startDailyDigest } from './digest';
import { setServiceMailMode } from './notify-settings';
import { familyDevice, listen } from './test-support';
import type { RunningServer } from '../../sync/server/test-harness';

const quiet = { warn() {} };
let smtp: TestSmtp;
let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	smtp = await startTestSmtp();
	h = createHarness({ smtpUrl: smtp.url });
	server = await listen(h.app);
});
afterAll(async () => {
	await server.close();
	await smtp.close();
});
afterEach(() => {
	smtp.mails.length = 0;
});

const worker = () => startOutboxWorker(h.db, smtpTransport(h.config), h.clock, { log: quiet });
const lastNumber = () =>
	(h.db.prepare('SELECT MAX(number) AS n FROM requests').get() as { n: number }).n;
/** Moves the test clock to the next day's hh:mm, Paris time (November: UTC+1). */
function moveToParis(h: Harness, daysAhead: number, hour: number, minute = 0) {
	const today = parisDayAndHour(h.clock.now()).day;
	const target = Date.parse(`${today}T00:00:00Z`) + daysAhead * 86_400_000;
	const at = target + (hour - 1) * 3_600_000 + minute * 60_000;
	h.clock.advance(at - h.clock.now());
	expect(parisDayAndHour(h.clock.now()).hour).toBe(hour);
}

describe('the service mail', () => {
	it('a request submitted from a family device is mailed to SERVICE_EMAIL over SMTP, with a link to the desk', async () => {
		const family = await familyDevice(h, server);
		await family.submit();
		const number = lastNumber();
		const w = worker();
		await w.drain();
		const mail = await smtp.waitFor((m) => m.subject.startsWith(`Nouvelle demande n° ${number}`));
		expect(mail.to).toBe('service@test.localhost');
		expect(mail.subject).toBe(`Nouvelle demande n° ${number} : Préinscription en crèche`);
		expect(mail.text).toContain(
			`Préinscription en crèche — demande n° ${number}, famille ${family.lastName.toUpperCase()}, déposée le`
		);
		expect(mail.text).toContain(`http://localhost:3000/agent/demandes/${number}`);
		expect(mail.html).toContain(`href="http://localhost:3000/agent/demandes/${number}"`);
		await w.stop();
	});

	it('only admins read and change the setting; a wrong value gets a French 400', async () => {
		const admin = await signedInStaff(h, 'admin');
		const agent = await signedInStaff(h, 'staff');
		const parent = await signedInParent(h);
		const path = '/api/agent/settings/notifications';
		expect(await (await h.call('GET', path, undefined, admin.jar)).json()).toEqual({
			serviceMail: 'each'
		});
		expect((await h.call('GET', path, undefined, agent.jar)).status).toBe(403);
		expect((await h.call('PUT', path, { serviceMail: 'digest' }, agent.jar)).status).toBe(403);
		expect((await h.call('PUT', path, { serviceMail: 'digest' }, parent.jar)).status).toBe(403);
		expect((await h.call('PUT', path, { serviceMail: 'digest' })).status).toBe(401);
		const wrong = await h.call('PUT', path, { serviceMail: 'hourly' }, admin.jar);
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error.message).toBe(
			'Choisissez « each » (un courriel par demande) ou « digest » (un résumé par jour).'
		);
		expect(await (await h.call('GET', path, undefined, admin.jar)).json()).toEqual({
			serviceMail: 'each'
		});
	});

	it('in digest mode: no mail per request, one digest from 07:00 the next day, exactly once, none on an empty day', async () => {
		const admin = await signedInStaff(h, 'admin');
		const path = '/api/agent/settings/notifications';
		const put = await h.call('PUT', path, { serviceMail: 'digest' }, admin.jar);
		expect(await put.json()).toEqual({ serviceMail: 'digest' });
		const w = worker();
		let job = startDailyDigest(h.db, h.config, h.clock, { kick: w.kick });
		moveToParis(h, 0, 10);
		expect(job.tick()).toBe('nothing-new'); // today's digest: nothing yet
		const family = await familyDevice(h, server);
		await family.submit();
		const first = lastNumber();
		await family.submit();
		expect(job.tick()).toBe('already-sent'); // the rest of today waits for tomorrow
		await w.drain();
		expect(smtp.mails.filter((m) => m.subject.startsWith('Nouvelle demande'))).toEqual([]);

		moveToParis(h, 1, 6, 59);
		expect(job.tick()).toBe('not-yet');
		moveToParis(h, 0, 7);
		expect(job.tick()).toBe('sent');
		await w.drain();
		const digest = await smtp.waitFor((m) => m.subject.startsWith('Résumé du'));
		expect(digest.to).toBe('service@test.localhost');
		expect(digest.subject).toMatch(/^Résumé du \d\d\/\d\d\/\d{4} : 2 nouvelles demandes$/);
		expect(digest.text).toContain(`Préinscription en crèche — demande n° ${first}, famille`);
		expect(digest.text).toContain(`demande n° ${first + 1}, famille`);
		expect(digest.text).toContain('http://localhost:3000/agent/demandes');

		expect(job.tick()).toBe('already-sent');
		job.stop();
		job = startDailyDigest(h.db, h.config, h.clock); // a restart the same day sends nothing again
		moveToParis(h, 0, 18);
		expect(job.tick()).toBe('already-sent');
		moveToParis(h, 1, 7, 30); // a day without new requests: no mail
		expect(job.tick()).toBe('nothing-new');
		await w.drain();
		expect(smtp.mails.filter((m) => m.subject.startsWith('Résumé du'))).toHaveLength(1);
		job.stop();
		await w.stop();
		setServiceMailMode(h.db, 'each');
	});
});
