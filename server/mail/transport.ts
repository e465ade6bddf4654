// Where mails go: an SMTP server (nodemailer) when SMTP_URL is set, else the demo mailbox table.
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Db } from '../db';
import type { OutgoingMail } from './outbox';

export interface MailTransport {
	send(mail: OutgoingMail, outboxId: number): Promise<void>;
	close(): void;
}

export function smtpTransport(config: Config): MailTransport {
	const transporter = nodemailer.createTransport({
		url: config.smtpUrl!,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 20_000
	});
	return {
		async send(mail, outboxId) {
			await transporter.sendMail({
				from: config.mailFrom,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				// Lets a receiving server drop a duplicate if a retry follows a lost acknowledgement.
				messageId: `<outbox-${outboxId}@espace-famille>`
			});
		},
		close: () => transporter.close()
	};
}

export function demoMailboxTransport(db: Db, now: () => number): MailTransport {
	const insert = db.prepare(
		'INSERT OR IGNORE INTO demo_mails (outbox_id, to_address, subject, text, html, created_at) VALUES (?, ?, ?, ?, ?, ?)'
	);
	return {
		async send(mail, outboxId) {
			insert.run(outboxId, mail.to, mail.subject, mail.text, mail.html, now());
		},
		close() {}
	};
}
