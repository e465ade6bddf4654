// Test support: the text a PDF written by TextPdf shows, read back from its content streams
// (inflated), the strings of its Tj operators decoded from WinAnsi — one line per Tj.
import { inflateSync } from 'node:zlib';

// WinAnsi is Latin-1 but for 0x80–0x9F (Node's decoders may treat windows-1252 as Latin-1).
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = {
	decode: (bytes: Buffer) =>
		[...bytes]
			.map((b) => (b >= 0x80 && b <= 0x9f ? HIGH[b - 0x80] : String.fromCharCode(b)))
			.join('')
};

export function pdfText(bytes: Uint8Array): string {
	const raw = Buffer.from(bytes);
	const latin = raw.toString('latin1');
	const out: string[] = [];
	const re = /(?<!end)stream\r?\n/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(latin))) {
		const start = m.index + m[0].length;
		const end = latin.indexOf('endstream', start);
		if (end < 0) break;
		const chunk = raw.subarray(start, end);
		let content: string;
		try {
			content = inflateSync(chunk).toString('latin1');
		} catch {
			content = chunk.toString('latin1');
		}
		for (const t of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
			out.push(winAnsi.decode(Buffer.from(t[1]!, 'hex')));
		re.lastIndex = end;
	}
	return out.join('\n');
}
