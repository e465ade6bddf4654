// Minimal MIME reading for when mailparser is not installed: headers, multipart bodies,
// quoted-printable and base64. Enough for the app's own text/html mails.
export interface StoredMail {
	to: string[];
	subject: string;
	text: string;
	html: string;
	receivedAt: string;
}

interface Part {
	headers: Record<string, string>;
	body: string;
}

function splitPart(raw: string): Part {
	const [head, ...rest] = raw.split(/\r?\n\r?\n/);
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const at = line.indexOf(':');
		if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
	}
	return { headers, body: rest.join('\n\n') };
}

function decodeBody(part: Part): string {
	const encoding = (part.headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (encoding === 'base64')
		return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') {
		const bytes = part.body
			.replace(/=\r?\n/g, '')
			.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
		try {
			return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
		} catch {
			return bytes;
		}
	}
	return part.body;
}

function decodeHeader(value: string): string {
	return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
		kind.toLowerCase() === 'b'
			? Buffer.from(text, 'base64').toString('utf8')
			: decodeBody({
					headers: { 'content-transfer-encoding': 'quoted-printable' },
					body: text.replace(/_/g, ' ')
				})
	);
}

function leaves(part: Part): Part[] {
	const type = part.headers['content-type'] ?? 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [part];
	return part.body
		.split(`--${boundary}`)
		.slice(1)
		.filter((chunk) => !chunk.startsWith('--'))
		.flatMap((chunk) => leaves(splitPart(chunk.replace(/^\r?\n/, ''))));
}

export function parseRawMail(raw: string): Omit<StoredMail, 'receivedAt'> {
	const root = splitPart(raw);
	const parts = leaves(root);
	const body = (kind: string) => {
		const found = parts.find((p) =>
			(p.headers['content-type'] ?? 'text/plain').toLowerCase().startsWith(kind)
		);
		return found ? decodeBody(found) : '';
	};
	return {
		to: (root.headers.to ?? '').match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? [],
		subject: decodeHeader(root.headers.subject ?? ''),
		text: body('text/plain'),
		html: body('text/html')
	};
}
