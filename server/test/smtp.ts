// A real SMTP server on loopback for tests: receives mails and parses them with mailparser.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
}

export interface TestSmtp {
	url: string;
	port: number;
	mails: ReceivedMail[];
	/** Refuse every message with a temporary failure (451) while true. */
	failing: boolean;
	waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
	close(): Promise<void>;
}

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
	const state: TestSmtp = {
		url: '',
		port: 0,
		mails: [],
		failing: false,
		async waitFor(predicate, timeoutMs = 10_000) {
			const end = Date.now() + timeoutMs;
			while (Date.now() < end) {
				const found = state.mails.find(predicate);
				if (found) return found;
				await new Promise((r) => setTimeout(r, 50));
			}
			throw new Error('no matching mail received in time');
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			if (state.failing) {
				stream.resume();
				stream.on('end', () =>
					callback(
						Object.assign(new Error('Service temporairement indisponible'), { responseCode: 451 })
					)
				);
				return;
			}
			simpleParser(stream)
				.then((parsed) => {
					const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
					state.mails.push({
						to: to?.value[0]?.address ?? '',
						subject: parsed.subject ?? '',
						text: parsed.text ?? '',
						html: typeof parsed.html === 'string' ? parsed.html : '',
						messageId: parsed.messageId ?? ''
					});
					callback();
				})
				.catch(callback);
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
	state.port = address.port;
	state.url = `smtp://127.0.0.1:${address.port}`;
	return state;
}
