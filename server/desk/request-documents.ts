// GET /api/agent/requests/{number}/documents/{pieceId}/{attachment}: the bytes of one page of a
// supporting document, shown inline (images, PDF) or downloaded with ?download=1. Only a piece
// the request (or the family's replies to it) refers to: a piece of another family, or of another
// request, is 404 — whatever the id. Each view is written to the audit log ('document.view').
import { Hono } from 'hono';
import { ALLOWED_TYPES } from '../../sync/server/attachments';
import { readAttachment, readStoredDoc } from '../../sync/server/household-read';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { audit } from '../audit/audit';
import { findRequest, referencedPieceIds } from './request-file';

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'application/pdf': 'pdf'
};

/** « Acte de naissance – Léa (2).pdf », safe as a file name. */
export function fileName(label: string, attachment: string, contentType: string): string {
	const base = [...label]
		.map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
	const page = /(\d+)/.exec(attachment)?.[1];
	const ext = EXTENSIONS[contentType] ?? 'bin';
	return `${base || 'piece'}${page ? ` (${page})` : ''}.${ext}`;
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
	const ascii = name
		.normalize('NFD')
		.replace(/[^\x20-\x7e]/g, '')
		.replace(/["\\]/g, '');
	return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const NOT_FOUND = 'Ce document n’existe pas ou ne fait pas partie de cette demande.';

export const documentRoutes = new Hono<AppEnv>().get(
	'/requests/:number{[0-9]+}/documents/:pieceId/:attachment',
	(c) => {
		const { db, clock } = c.var.deps;
		const req = findRequest(db, c.req.param('number'));
		const pieceId = c.req.param('pieceId');
		const attachment = c.req.param('attachment');
		if (!referencedPieceIds(db, req).includes(pieceId))
			throw new ApiError(404, 'not_found', NOT_FOUND);
		const file = readAttachment(db, req.household_id, pieceId, attachment);
		if (!file) throw new ApiError(404, 'not_found', NOT_FOUND);
		const piece = readStoredDoc(db, req.household_id, pieceId);
		const label = typeof piece?.body.label === 'string' ? piece.body.label : 'Pièce jointe';
		audit(
			db,
			{
				actorId: c.var.user!.id,
				action: 'document.view',
				householdId: req.household_id,
				detail: { number: req.number, pieceId, attachment }
			},
			clock.now()
		);
		// A type stored before the content checks (S-ATT-5) is never shown inline.
		const known = (ALLOWED_TYPES as readonly string[]).includes(file.contentType);
		const contentType = known ? file.contentType : 'application/octet-stream';
		const download = c.req.query('download') === '1' || !known;
		const headers: Record<string, string> = {
			'Content-Type': contentType,
			'Content-Length': String(file.data.length),
			'Content-Disposition': contentDisposition(
				download ? 'attachment' : 'inline',
				fileName(label, attachment, contentType)
			),
			'X-Content-Type-Options': 'nosniff',
			// Shown by the desk's own pages (an <img>, a PDF in a frame), never a document that runs
			// anything: no script, no plugin but the browser's PDF viewer, no frame from elsewhere.
			'Content-Security-Policy':
				"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'" +
				(contentType === 'application/pdf' ? '' : '; sandbox'),
			'X-Frame-Options': 'SAMEORIGIN',
			'Cross-Origin-Resource-Policy': 'same-origin'
		};
		return c.body(new Uint8Array(file.data), 200, headers);
	}
);
