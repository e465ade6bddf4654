// A real SMTP server on 127.0.0.1 that writes every received mail as JSON into a folder
// the tests read (see mailbox.ts). Parsed with mailparser when installed.
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { parseRawMail, type StoredMail } from './raw-mail';

type Parse = (raw: Buffer) => Promise<Omit<StoredMail, 'receivedAt'>>;

async function loadParser(): Promise<Parse> {
	try {
		const { simpleParser } = await import('mailparser');
		return async (raw) => {
			const parsed = await simpleParser(raw);
			const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
			return {
				to: to?.value.map((a) => a.address ?? '').filter(Boolean) ?? [],
				subject: parsed.subject ?? '',
				text: parsed.text ?? '',
				html: typeof parsed.html === 'string' ? parsed.html : ''
			};
		};
	} catch {
		return async (raw) => parseRawMail(raw.toString('utf8'));
	}
}

export async function startMailServer(dir: string, port: number): Promise<() => Promise<void>> {
	const parse = await loadParser();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				parse(Buffer.concat(chunks))
					.then((mail) => {
						const envelope = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
						const stored: StoredMail = {
							...mail,
							to: envelope.length ? envelope : mail.to,
							receivedAt: new Date().toISOString()
						};
						// Written aside then renamed, so a reader never sees half a file.
						const name = join(dir, `${Date.now()}-${randomUUID()}.json`);
						return writeFile(`${name}.part`, JSON.stringify(stored)).then(() =>
							rename(`${name}.part`, name)
						);
					})
					.then(() => callback(), callback);
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
