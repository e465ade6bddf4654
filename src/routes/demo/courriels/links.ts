// Splits a mail's plain text into text runs and http(s) links, so links render clickable
// without ever injecting the mail's HTML.
export interface TextPart {
	text: string;
	link: boolean;
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

export function splitLinks(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let last = 0;
	for (const match of text.matchAll(URL_PATTERN)) {
		const at = match.index ?? 0;
		if (at > last) parts.push({ text: text.slice(last, at), link: false });
		parts.push({ text: match[0], link: true });
		last = at + match[0].length;
	}
	if (last < text.length) parts.push({ text: text.slice(last), link: false });
	return parts;
}
