// Document schemas: drafts checked field by field, submitted documents in full (SYNC_SPEC S-VAL-*).
import { describe, expect, it } from 'vitest';
import { documentProblem, parseDocId } from './documents';

const uuid = '2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';

describe('household documents', () => {
	it('parses <type>:<uuid> ids only', () => {
		expect(parseDocId(`piece:${uuid}`)).toEqual({ type: 'piece', uuid });
		expect(parseDocId('piece:42')).toBeNull();
		expect(parseDocId(uuid)).toBeNull();
	});

	it('S-VAL-1 accepts an incomplete draft, checks the fields present', () => {
		expect(
			documentProblem('preinscription', { type: 'preinscription', state: 'draft' }, false)
		).toBeNull();
		expect(
			documentProblem('preinscription', { type: 'preinscription', choices: [] }, false)
		).toMatch(/au moins une structure/);
		expect(
			documentProblem('entourage', { type: 'entourage', members: [{ role: 'child' }] }, false)
		).toBeNull();
		expect(
			documentProblem('entourage', { type: 'entourage', members: [{ role: 'cousin' }] }, false)
		).toMatch(/rôle du membre/);
	});

	it('S-VAL-2 requires a complete submitted document, in French', () => {
		expect(
			documentProblem(
				'preinscription',
				{ type: 'preinscription', state: 'submitted', childId: uuid },
				false
			)
		).toBe('Le champ « Date d’entrée souhaitée » est obligatoire.');
		const piece = {
			type: 'piece',
			state: 'submitted',
			kind: 'birthCertificate',
			personId: uuid,
			label: 'Acte'
		};
		expect(documentProblem('piece', piece, false)).toMatch(/au moins une page/);
		expect(documentProblem('piece', piece, true)).toBeNull();
		expect(
			documentProblem('entourage', { type: 'entourage', state: 'submitted', members: [] }, false)
		).toMatch(/au moins un membre/);
	});
});
