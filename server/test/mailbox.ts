// The harness's outbox delivered by the real worker to a real SMTP server on loopback.
import { smtpTransport } from '../mail/transport';
import { startOutboxWorker } from '../mail/worker';
import type { Harness } from './harness';
import { startTestSmtp, type ReceivedMail } from './smtp';

export interface Mailbox {
	/** Delivers every queued mail, then returns what the SMTP server received so far. */
	deliver(): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

export async function realMailbox(h: Harness): Promise<Mailbox> {
	const smtp = await startTestSmtp();
	const worker = startOutboxWorker(
		h.db,
		smtpTransport({ ...h.config, smtpUrl: smtp.url }),
		h.clock,
		{
			log: { warn() {} } as unknown as Console
		}
	);
	return {
		async deliver() {
			await worker.drain();
			return smtp.mails;
		},
		async close() {
			await worker.stop();
			await smtp.close();
		}
	};
}
