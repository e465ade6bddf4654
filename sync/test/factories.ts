// Test data factories for household documents (never real personal data).
import { randomBytes, randomUUID } from 'node:crypto';
import type { PouchDoc } from 'pouchdb-core';

/**
 * The child every test household has declared (sync/server/test-harness.ts seeds a submitted
 * declaration naming it), so a submitted preinscription passes the household rules (S-VAL-3).
 */
export const TEST_CHILD_ID = '7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a0f';
export const TEST_DECLARATION_ID = 'entourage:6c2b1a0f-9e8d-4c7b-a6f5-4e3d2c1b0a9f';

export function draftPreinscription(extra: Record<string, unknown> = {}): PouchDoc {
	return {
		_id: `preinscription:${randomUUID()}`,
		type: 'preinscription',
		state: 'draft',
		childId: TEST_CHILD_ID,
		observations: 'Brouillon de test',
		...extra
	};
}

export function submittedPreinscription(extra: Record<string, unknown> = {}): PouchDoc {
	return {
		...draftPreinscription(),
		state: 'submitted',
		wishedStartDate: '2027-09-01',
		choices: ['cocon-de-soie', 'grain-d-aile'],
		pieceIds: [],
		questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] },
		...extra
	};
}

export function submittedEntourage(): PouchDoc {
	return {
		_id: `entourage:${randomUUID()}`,
		type: 'entourage',
		state: 'submitted',
		members: [
			{
				id: randomUUID(),
				role: 'child',
				lastName: 'Exemple',
				firstNames: 'Léa',
				birthDate: '2026-03-14'
			}
		]
	};
}

/** Bytes that start like a real file of that type, then random content. */
export function fakeFile(kind: 'jpeg' | 'png' | 'pdf' | 'webp', size = 2048): Buffer {
	const heads = {
		jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
		png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pdf: Buffer.from('%PDF-1.7\n'),
		webp: Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP')])
	};
	return Buffer.concat([heads[kind], randomBytes(Math.max(0, size - heads[kind].length))]);
}

export const MIME = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	pdf: 'application/pdf',
	webp: 'image/webp'
} as const;

export function pieceWithPages(
	pages: Buffer[],
	kind: keyof typeof MIME = 'jpeg',
	extra: Record<string, unknown> = {}
): PouchDoc {
	const _attachments: NonNullable<PouchDoc['_attachments']> = {};
	pages.forEach((data, i) => (_attachments[`page-${i + 1}`] = { content_type: MIME[kind], data }));
	return {
		_id: `piece:${randomUUID()}`,
		type: 'piece',
		state: 'draft',
		kind: 'proofOfAddress',
		personId: randomUUID(),
		label: 'Justificatif de domicile',
		_attachments,
		...extra
	};
}
