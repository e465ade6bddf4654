// Supporting documents (pièces justificatives) on the device: a piece is a draft until its pages
// (attachments `page-1`, `page-2`…) are all there, then submitted into the vault.
import { MAX_PAGES_PER_PIECE, TOO_MANY_PAGES, type Piece } from '../../domain/documents';
import { syncManager } from '$sync/sync-manager.svelte';
import {
	createParentDocumentService,
	type ParentDocumentOptions,
	type ParentDocumentService
} from './parent-document';
import { DocumentError, type DbSource, type StoredDoc } from './store';

export type PieceDocument = StoredDoc & Partial<Piece>;

export interface Page {
	contentType: string;
	data: Blob | Uint8Array;
}

export interface PieceService extends ParentDocumentService<PieceDocument> {
	/** Replaces the draft's pages, in order, as `page-1`, `page-2`…; other fields are kept. */
	setPages(id: string, pages: Page[]): Promise<PieceDocument>;
	/** One page's bytes, as stored on the device. */
	page(id: string, name: string): Promise<Blob | Uint8Array>;
	/** The names of a piece's pages in page order. */
	pageNames(doc: PieceDocument): string[];
}

const pageName = (i: number) => `page-${i + 1}`;
const pageIndex = (name: string) => Number(/^page-(\d+)$/.exec(name)?.[1] ?? Number.NaN);

export function createPieceService(
	source: DbSource,
	options?: ParentDocumentOptions
): PieceService {
	const base = createParentDocumentService<PieceDocument>('piece', source, options);
	return {
		...base,
		async setPages(id, pages) {
			if (pages.length > MAX_PAGES_PER_PIECE) throw new DocumentError(TOO_MANY_PAGES, 'invalid');
			const current = await base.get(id);
			const attachments: Record<string, { content_type: string; data: Blob | Uint8Array } | null> =
				{};
			for (const name of Object.keys(current?._attachments ?? {})) attachments[name] = null;
			pages.forEach((p, i) => {
				attachments[pageName(i)] = { content_type: p.contentType, data: p.data };
			});
			return base.saveDraft(id, {}, { attachments });
		},
		async page(id, name) {
			return (await source()).getAttachment(id, name);
		},
		pageNames(doc) {
			return Object.keys(doc._attachments ?? {})
				.filter((n) => !Number.isNaN(pageIndex(n)))
				.sort((a, b) => pageIndex(a) - pageIndex(b));
		}
	};
}

export const pieces = createPieceService(() => syncManager.db(), {
	refusal: (id) => syncManager.denied.find((d) => d.id === id)?.reason ?? null
});
