// The outbox worker against a real SMTP server on loopback: delivery, retry, nothing lost.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { testConfig } from '../config';
import { openDatabase } from '../db';
import { startTestSmtp, type TestSmtp } from '../test/smtp';
import { enqueueMail } from './outbox';
import { activationMail } from './templates';
import { demoMailboxTransport, smtpTransport } from './transport';
import { startOutboxWorker } from './worker';

let smtp: TestSmtp | null = null;
afterEach(async () => {
	await smtp?.close();
	smtp = null;
});

const quiet = { warn() {} } as unknown as Console;

describe('outbox worker', () => {
	it('delivers a queued mail over SMTP with its text and HTML parts', async () => {
		smtp = await startTestSmtp();
		const db = openDatabase(':memory:');
		const clock = new ManualClock();
		enqueueMail(
			db,
			activationMail(
				'parent@test.localhost',
				{ civility: 'Monsieur', lastName: 'Essai' },
				'http://x/activation/abc'
			),
			clock.now()
		);
		const worker = startOutboxWorker(db, smtpTransport(testConfig({ smtpUrl: smtp.url })), clock, {
			log: quiet
		});
		expect(await worker.drain()).toBe(1);
		const mail = await smtp.waitFor((m) => m.to === 'parent@test.localhost');
		expect(mail.subject).toBe('Activez votre Espace Famille');
		expect(mail.text).toContain('Bonjour Monsieur ESSAI,');
		expect(mail.text).toContain('http://x/activation/abc');
		expect(mail.html).toContain('<a href="http://x/activation/abc"');
		expect(mail.messageId).toMatch(/outbox-1@espace-famille/);
		await worker.stop();
	});

	it('keeps a mail while SMTP refuses or is down, and delivers it once it is back', async () => {
		smtp = await startTestSmtp();
		const db = openDatabase(':memory:');
		const clock = new ManualClock();
		enqueueMail(
			db,
			{ to: 'a@test.localhost', subject: 'Un', text: 't', html: '<p>t</p>' },
			clock.now()
		);
		smtp.failing = true;
		const worker = startOutboxWorker(db, smtpTransport(testConfig({ smtpUrl: smtp.url })), clock, {
			log: quiet
		});
		expect(await worker.drain()).toBe(0);
		const row = db
			.prepare('SELECT attempts, sent_at, next_attempt_at, last_error FROM outbox')
			.get() as Record<string, number | string | null>;
		expect(row).toMatchObject({ attempts: 1, sent_at: null });
		expect(row.next_attempt_at).toBe(clock.now() + 30_000);
		expect(await worker.drain()).toBe(0); // not due yet: no hammering
		smtp.failing = false;
		clock.advance(30_000);
		expect(await worker.drain()).toBe(1);
		expect(smtp.mails).toHaveLength(1);
		await worker.stop();
	});

	it('survives a server that is not listening at all', async () => {
		const db = openDatabase(':memory:');
		const clock = new ManualClock();
		enqueueMail(db, { to: 'b@test.localhost', subject: 'Deux', text: 't', html: 't' }, clock.now());
		smtp = await startTestSmtp();
		const port = smtp.port;
		await smtp.close();
		const worker = startOutboxWorker(
			db,
			smtpTransport(testConfig({ smtpUrl: `smtp://127.0.0.1:${port}` })),
			clock,
			{ log: quiet }
		);
		expect(await worker.drain()).toBe(0);
		await worker.stop();
		smtp = await startTestSmtp(port);
		clock.advance(30_000);
		const again = startOutboxWorker(db, smtpTransport(testConfig({ smtpUrl: smtp.url })), clock, {
			log: quiet
		});
		expect(await again.drain()).toBe(1);
		expect(smtp.mails[0].subject).toBe('Deux');
		await again.stop();
	});

	it('stores mails in the demo mailbox when no SMTP is configured, once per outbox row', async () => {
		const db = openDatabase(':memory:');
		const clock = new ManualClock();
		const id = enqueueMail(
			db,
			{ to: 'c@test.localhost', subject: 'Trois', text: 't', html: 't' },
			clock.now()
		);
		const transport = demoMailboxTransport(db, () => clock.now());
		await transport.send({ to: 'c@test.localhost', subject: 'Trois', text: 't', html: 't' }, id);
		await transport.send({ to: 'c@test.localhost', subject: 'Trois', text: 't', html: 't' }, id);
		expect((db.prepare('SELECT COUNT(*) AS n FROM demo_mails').get() as { n: number }).n).toBe(1);
	});
});
