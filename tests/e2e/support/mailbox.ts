// Reads the mails the test SMTP server saved: waits for one to an address, extracts links.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredMail } from './raw-mail';

function mailDir(): string {
	const dir = process.env.E2E_MAIL_DIR;
	if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the tests through playwright.config.ts.');
	return dir;
}

async function readAll(): Promise<StoredMail[]> {
	const names = (await readdir(mailDir())).filter((n) => n.endsWith('.json')).sort();
	const mails = await Promise.all(
		names.map(async (n) => JSON.parse(await readFile(join(mailDir(), n), 'utf8')) as StoredMail)
	);
	return mails;
}

export interface MailQuery {
	to: string;
	/** Part of the subject, case-insensitive. */
	subject?: string | RegExp;
	/** How many matching mails to skip (0 = the first one received). */
	nth?: number;
}

function matches(mail: StoredMail, query: MailQuery): boolean {
	if (!mail.to.some((t) => t.toLowerCase() === query.to.toLowerCase())) return false;
	if (query.subject === undefined) return true;
	return typeof query.subject === 'string'
		? mail.subject.toLowerCase().includes(query.subject.toLowerCase())
		: query.subject.test(mail.subject);
}

export async function waitForMail(query: MailQuery, timeoutMs = 20_000): Promise<StoredMail> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const found = (await readAll()).filter((m) => matches(m, query))[query.nth ?? 0];
		if (found) return found;
		if (Date.now() > end)
			throw new Error(
				`No mail to ${query.to} (${String(query.subject ?? '')}) within ${timeoutMs} ms.`
			);
		await new Promise((r) => setTimeout(r, 200));
	}
}

export async function mailsTo(to: string): Promise<StoredMail[]> {
	return (await readAll()).filter((m) => matches(m, { to }));
}

/** Every http(s) link in the mail's text (and HTML hrefs), deduplicated, in order. */
export function extractLinks(mail: StoredMail): string[] {
	const fromText = mail.text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
	const fromHtml = [...mail.html.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) =>
		m[1].replace(/&amp;/g, '&')
	);
	return [...new Set([...fromText, ...fromHtml].map((l) => l.replace(/[.,;:!?]+$/, '')))];
}

/** The first link whose path contains `part` (e.g. "/activation/"). */
export function linkContaining(mail: StoredMail, part: string): string {
	const link = extractLinks(mail).find((l) => l.includes(part));
	if (!link) throw new Error(`No link containing ${part} in mail "${mail.subject}".`);
	return link;
}
