// The outbox worker against a real SMTP server on loopback: delivery, retry, nothing lost.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { testConfig } from '../config';
import { openDatabase } from '../db';
import { startTestSmtp, type TestSmtp } from '../test/smtp';
import type { Dispatcher } from './dispatch';
import { enqueue, enqueueMail, type OutboxRow } from './outbox';
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

	describe('one dispatcher per kind', () => {
		/** A stand-in receiver for a kind: fails while `down`, records what it delivered. */
		function fakeKind(kind: string) {
			const delivered: number[] = [];
			const state = {
				down: false,
				delivered,
				dispatcher: {
					kind,
					async deliver(row: OutboxRow) {
						if (state.down) throw new Error('receiver down');
						delivered.push(JSON.parse(row.payload).webhook.eventId);
					},
					retryDelayMs: () => 5_000
				} satisfies Dispatcher
			};
			return state;
		}
		const call = (eventId: number) => ({
			kind: 'webhook' as const,
			webhook: { eventId, number: 1, type: 'request.submitted', body: '{}' }
		});

		it('a failing kind never holds back another, and retries with its own backoff', async () => {
			const db = openDatabase(':memory:');
			const clock = new ManualClock();
			const hook = fakeKind('webhook');
			hook.down = true;
			enqueue(db, call(1), clock.now(), 'request:1');
			enqueueMail(
				db,
				{ to: 'd@test.localhost', subject: 'Quatre', text: 't', html: 't' },
				clock.now()
			);
			const transport = demoMailboxTransport(db, () => clock.now());
			const worker = startOutboxWorker(db, transport, clock, {
				log: quiet,
				dispatchers: [hook.dispatcher]
			});
			expect(await worker.drain()).toBe(1); // the mail went, the webhook waits
			const row = db
				.prepare("SELECT attempts, next_attempt_at, last_error FROM outbox WHERE kind = 'webhook'")
				.get();
			expect(row).toEqual({
				attempts: 1,
				next_attempt_at: clock.now() + 5_000,
				last_error: 'receiver down'
			});
			hook.down = false;
			clock.advance(5_000);
			expect(await worker.drain()).toBe(1);
			expect(hook.delivered).toEqual([1]);
			await worker.stop();
		});

		it('an unknown kind stays pending with a clear error and blocks nothing', async () => {
			const db = openDatabase(':memory:');
			const clock = new ManualClock();
			db.prepare(
				"INSERT INTO outbox (kind, payload, created_at, next_attempt_at) VALUES ('sms', '{}', ?, ?)"
			).run(clock.now(), clock.now());
			enqueueMail(
				db,
				{ to: 'e@test.localhost', subject: 'Cinq', text: 't', html: 't' },
				clock.now()
			);
			const worker = startOutboxWorker(
				db,
				demoMailboxTransport(db, () => clock.now()),
				clock,
				{
					log: quiet
				}
			);
			expect(await worker.drain()).toBe(1);
			expect(
				db.prepare("SELECT attempts, sent_at, last_error FROM outbox WHERE kind = 'sms'").get()
			).toEqual({
				attempts: 1,
				sent_at: null,
				last_error: 'no dispatcher for outbox kind "sms": kept pending'
			});
			await worker.stop();
		});

		it('rows with the same ordering key go in order: a later one waits for the earlier', async () => {
			const db = openDatabase(':memory:');
			const clock = new ManualClock();
			const hook = fakeKind('webhook');
			enqueue(db, call(1), clock.now(), 'request:1');
			enqueue(db, call(2), clock.now(), 'request:2');
			enqueue(db, call(3), clock.now(), 'request:1');
			let failFirst = true;
			const flaky: Dispatcher = {
				...hook.dispatcher,
				async deliver(row) {
					if (failFirst && JSON.parse(row.payload).webhook.eventId === 1) {
						failFirst = false;
						throw new Error('503');
					}
					return hook.dispatcher.deliver(row);
				}
			};
			const worker = startOutboxWorker(
				db,
				demoMailboxTransport(db, () => clock.now()),
				clock,
				{
					log: quiet,
					dispatchers: [flaky]
				}
			);
			await worker.drain();
			expect(hook.delivered).toEqual([2]); // event 3 waits behind event 1 of the same request
			clock.advance(5_000);
			await worker.drain();
			expect(hook.delivered).toEqual([2, 1, 3]);
			await worker.stop();
		});
	});
});
