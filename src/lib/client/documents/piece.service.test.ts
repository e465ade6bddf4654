// Pieces against a real PouchDB: pages as attachments, a piece is submitted only with pages.
import { describe, expect, it } from 'vitest';
import { TOO_MANY_PAGES } from '$domain/documents';
import { createPieceService } from './piece.service';
import { DocumentError } from './store';
import { memoryDb } from './test-db';

const person = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const fields = { kind: 'proofOfAddress', personId: person, label: 'Justificatif de domicile' };
const jpeg = (n: number) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, n, n, n]);

const bytes = async (data: Blob | Uint8Array) =>
	new Uint8Array(data instanceof Uint8Array ? data : await data.arrayBuffer());

describe('piece service', () => {
	it('a piece without pages cannot be submitted', async () => {
		const pieces = createPieceService(memoryDb().source);
		const id = pieces.newId();
		await pieces.saveDraft(id, fields);
		const error = await pieces.submit(id).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DocumentError);
		expect((error as Error).message).toBe(
			'Une pièce justificative déposée doit contenir au moins une page.'
		);
	});

	it('stores the pages in order, replaces them, keeps them through later edits, and submits', async () => {
		const pieces = createPieceService(memoryDb().source);
		const id = pieces.newId();
		await pieces.saveDraft(id, fields);
		await pieces.setPages(
			id,
			[1, 2, 3].map((n) => ({ contentType: 'image/jpeg', data: jpeg(n) }))
		);
		// Page 2 deleted, then the label edited: the two remaining pages stay, renumbered.
		await pieces.setPages(
			id,
			[1, 3].map((n) => ({ contentType: 'image/jpeg', data: jpeg(n) }))
		);
		await pieces.saveDraft(id, { label: 'Facture EDF' });
		const doc = await pieces.submit(id);
		expect(doc).toMatchObject({ state: 'submitted', label: 'Facture EDF' });
		const stored = (await pieces.get(id))!;
		expect(pieces.pageNames(stored)).toEqual(['page-1', 'page-2']);
		expect(await bytes(await pieces.page(id, 'page-1'))).toEqual(jpeg(1));
		expect(await bytes(await pieces.page(id, 'page-2'))).toEqual(jpeg(3));
	});

	it('refuses an unknown kind of piece in French', async () => {
		const pieces = createPieceService(memoryDb().source);
		const error = await pieces
			.saveDraft(pieces.newId(), { ...fields, kind: 'passport' })
			.catch((e: Error) => e.message);
		expect(error).toBe('Le type de pièce justificative est inconnu.');
	});

	it('keeps a piece within 10 pages, so it fits in one sync request', async () => {
		const pieces = createPieceService(memoryDb().source);
		const id = pieces.newId();
		await pieces.saveDraft(id, fields);
		const page = { contentType: 'image/jpeg', data: jpeg(1) };
		const error = await pieces
			.setPages(
				id,
				Array.from({ length: 11 }, () => page)
			)
			.catch((e: Error) => e.message);
		expect(error).toBe(TOO_MANY_PAGES);
		await pieces.setPages(
			id,
			Array.from({ length: 10 }, () => page)
		);
		expect(pieces.pageNames((await pieces.get(id))!)).toHaveLength(10);
	});
});
