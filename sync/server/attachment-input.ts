// Turns the `_attachments` of an incoming document into stored attachment stubs (S-ATT-*):
// inline data is decoded, checked and stored once per digest; stubs must name bytes we already hold.
import { attachmentProblem, decodeBase64, digestOf, isMimeType, sniffType } from './attachments';
import { DocRefused } from './errors';
import type { AttachmentMap, StoredAttachment, SyncStore } from './store';

interface Prepared {
	name: string;
	contentType: string;
	bytes: Buffer | null;
	digest: string | null;
	revpos: number | null;
	length: number | null;
}

/** Decodes and checks every attachment before anything is written; digests feed the new rev id. */
export function prepareAttachments(raw: unknown, checkContent: boolean): Prepared[] {
	if (raw == null) return [];
	if (typeof raw !== 'object' || Array.isArray(raw))
		throw new DocRefused('bad_request', 'Le champ _attachments est invalide.');
	return Object.entries(raw as Record<string, unknown>).map(([name, value]) => {
		const a = (value ?? {}) as Record<string, unknown>;
		// Checked at input, stub or not: a stored type ends up in a Content-Type header (S-ATT-5).
		if (a.content_type !== undefined && a.content_type !== '' && !isMimeType(a.content_type))
			throw new DocRefused(
				'bad_request',
				`Le type du fichier « ${name} » est invalide (type/sous-type attendu).`,
				400
			);
		const contentType = typeof a.content_type === 'string' ? a.content_type : '';
		const revpos = typeof a.revpos === 'number' ? a.revpos : null;
		if (a.stub === true) {
			const digest = typeof a.digest === 'string' ? a.digest : null;
			const length = typeof a.length === 'number' ? a.length : null;
			return { name, contentType, bytes: null, digest, revpos, length };
		}
		const bytes = typeof a.data === 'string' ? decodeBase64(a.data) : null;
		if (!bytes)
			throw new DocRefused('bad_request', `Le fichier « ${name} » est illisible (base64 attendu).`);
		if (checkContent) {
			const problem = attachmentProblem(name, contentType, bytes);
			if (problem) throw new DocRefused('forbidden', problem);
		}
		return { name, contentType, bytes, digest: digestOf(bytes), revpos, length: bytes.length };
	});
}

/** Stores new bytes and resolves stubs against the parent revision or the database's blobs. */
export function resolveAttachments(
	store: SyncStore,
	dbName: string,
	prepared: Prepared[],
	parentAtts: AttachmentMap,
	revPos: number
): AttachmentMap | null {
	if (!prepared.length) return null;
	const out: AttachmentMap = {};
	for (const p of prepared) {
		let stored: StoredAttachment | null = null;
		if (p.bytes) {
			store.putBlob(dbName, p.digest!, p.bytes);
			stored = {
				content_type: p.contentType,
				digest: p.digest!,
				length: p.bytes.length,
				revpos: p.revpos ?? revPos
			};
		} else {
			const parent = parentAtts[p.name];
			if (parent && (!p.digest || p.digest === parent.digest)) stored = { ...parent };
			else if (p.digest) {
				const blob = store.hasBlob(dbName, p.digest);
				if (blob)
					stored = {
						content_type: stubType(store, dbName, p),
						digest: p.digest,
						length: blob.length,
						revpos: p.revpos ?? revPos
					};
			}
		}
		if (!stored)
			throw new DocRefused(
				'missing_stub',
				`Le fichier « ${p.name} » est introuvable sur le serveur.`,
				412
			);
		out[p.name] = stored;
	}
	return out;
}

/**
 * The type of bytes named by digest under a new name: the bytes' own type. A stub may not relabel a
 * stored PDF or image as, say, text/html (S-ATT-5).
 */
function stubType(store: SyncStore, dbName: string, p: Prepared): string {
	const head = store.blobHead(dbName, p.digest!);
	const real = head ? sniffType(head) : null;
	if (!real) return p.contentType || 'application/octet-stream';
	if (p.contentType && p.contentType !== real)
		throw new DocRefused(
			'forbidden',
			`Le fichier « ${p.name} » est de type ${real} : il ne peut pas être annoncé comme ${p.contentType}.`
		);
	return real;
}
