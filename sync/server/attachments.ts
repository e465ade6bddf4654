// Attachment bytes: decoded from base64, checked by content (magic bytes), sized, digested like CouchDB.
import { createHash } from 'node:crypto';

/** Per attachment, decoded size. A phone scan page is well under this. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Per HTTP request body (base64 inflates by 4/3); the client sends pieces in small batches. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export const ALLOWED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

/** A MIME type `type/subtype` (RFC 6838 names, no parameters): nothing that could break a header. */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export function isMimeType(value: unknown): value is string {
	return typeof value === 'string' && MIME_TYPE.test(value);
}

/** The type the bytes really are, whatever the client declared. */
export function sniffType(bytes: Uint8Array): AllowedType | null {
	const b = bytes;
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x))
		return 'image/png';
	if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
		return 'image/webp';
	if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
	return null;
}

function ascii(b: Uint8Array, from: number, to: number): string {
	return String.fromCharCode(...b.subarray(from, to));
}

export function digestOf(bytes: Uint8Array): string {
	return 'md5-' + createHash('md5').update(bytes).digest('base64');
}

/** Strict enough without a regex over megabytes: Node's decoder skips bad characters, which shows in the length. */
export function decodeBase64(data: string): Buffer | null {
	if (data.length % 4 !== 0) return null;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	const bytes = Buffer.from(data, 'base64');
	return bytes.length === (data.length / 4) * 3 - padding ? bytes : null;
}

/** Why an attachment is refused, in French, or null when it is acceptable. */
export function attachmentProblem(
	name: string,
	declared: unknown,
	bytes: Uint8Array
): string | null {
	if (bytes.length > MAX_ATTACHMENT_BYTES)
		return `Le fichier « ${name} » dépasse la taille maximale de ${MAX_ATTACHMENT_BYTES / 1024 / 1024} Mo.`;
	const real = sniffType(bytes);
	if (!real) return `Le fichier « ${name} » n’est pas d’un type accepté (JPEG, PNG, WebP ou PDF).`;
	if (declared !== real)
		return `Le fichier « ${name} » est annoncé comme ${String(declared)} mais son contenu est ${real}.`;
	return null;
}
