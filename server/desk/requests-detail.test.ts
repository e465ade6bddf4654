// GET /api/agent/requests/{number} and its documents: what an agent sees of a family's request,
// built from what the family's real PouchDB client sent; each view in the audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	fakeFile,
	pieceWithPages,
	submittedPreinscription,
	TEST_CHILD_ID
} from '../../sync/test/factories';
import { openDesk, openFamily, type Desk } from './desk-fixtures';

let desk: Desk;
beforeAll(async () => {
	desk = await openDesk();
});
afterAll(() => desk.close());

const get = (path: string) => desk.h.call('GET', path, undefined, desk.staff.jar);

function auditRows(action: string) {
	return desk.h.db
		.prepare('SELECT actor_id, household_id, detail FROM audit_log WHERE action = ? ORDER BY id')
		.all(action) as { actor_id: string; household_id: string; detail: string }[];
}

describe('request detail', () => {
	it('shows the family, the child, the choices, the answers, the documents and the history', async () => {
		const family = await openFamily(desk, { lastName: 'Durand', firstNames: 'Claire' });
		const coParentId = randomUUID();
		const declaration = {
			_id: `entourage:${randomUUID()}`,
			type: 'entourage',
			state: 'submitted',
			submittedAt: '2026-11-26T08:00:00.000Z',
			members: [
				{
					id: coParentId,
					role: 'coRepresentative',
					civility: 'Monsieur',
					lastName: 'Durand',
					firstNames: 'Paul',
					birthDate: '1988-02-03',
					email: 'paul.durand@test.localhost'
				}
			]
		};
		const piece = pieceWithPages([fakeFile('jpeg'), fakeFile('pdf')], 'jpeg', {
			label: 'Justificatif de domicile',
			personId: family.userId
		});
		// Pages of a piece share one declared type in the factory: make the second a real PDF.
		(piece._attachments as Record<string, { content_type: string }>)['page-2'].content_type =
			'application/pdf';
		const request = submittedPreinscription({
			observations: 'Horaires décalés le mercredi.',
			pieceIds: [piece._id]
		});
		await family.send(declaration, piece, request);
		const number = family.numberOf(request._id);

		const res = await get(`/api/agent/requests/${number}`);
		expect(res.status).toBe(200);
		const d = await res.json();
		expect(d).toMatchObject({
			number,
			type: 'preinscription',
			typeLabel: 'Préinscription en crèche',
			status: 'Déposée',
			version: 1,
			householdId: family.householdId,
			allowedActions: [
				{ action: 'take', label: 'Prendre en charge' },
				{ action: 'ask-pieces', label: 'Demander des pièces' },
				{ action: 'complete', label: 'Marquer complète' },
				{ action: 'refuse', label: 'Refuser' },
				{ action: 'close', label: 'Classer sans suite' }
			],
			family: {
				referent: {
					lastName: 'Durand',
					firstNames: 'Claire',
					email: family.email,
					address: { number: '3', street: 'Rue du Test', postalCode: '38200', city: 'Vienne' }
				},
				coParent: {
					civility: 'Monsieur',
					lastName: 'Durand',
					firstNames: 'Paul',
					birthDate: '1988-02-03'
				}
			},
			people: [{ firstNames: 'Léa', lastName: 'Exemple' }],
			child: {
				firstNames: 'Léa',
				lastName: 'Exemple',
				birthDate: '2025-03-14',
				expectedDate: null
			},
			wishedDate: '2027-09-01',
			choices: [
				{ rank: 1, structureId: 'cocon-de-soie' },
				{ rank: 2, structureId: 'grain-d-aile' }
			],
			observations: 'Horaires décalés le mercredi.',
			questionnaire: [
				{ label: 'Famille domiciliée ou contribuable dans l’agglomération', value: 'Oui' },
				{
					label: 'Situation professionnelle des parents',
					value: 'Parent 1 travaille ou suit une formation'
				}
			],
			history: [{ status: 'Déposée', action: 'submit', by: 'Famille' }]
		});
		expect(d.choices[0].name).toBeTruthy();
		expect(d.choices[0].name).not.toBe('cocon-de-soie');
		expect(
			d.family.members.map((m: { id: string; decision: string }) => [m.id, m.decision])
		).toEqual(
			expect.arrayContaining([
				[coParentId, 'pending'],
				[TEST_CHILD_ID, 'pending']
			])
		);
		expect(d.documents).toEqual([
			expect.objectContaining({
				pieceId: piece._id,
				attachment: 'page-1',
				label: 'Justificatif de domicile',
				kind: 'proofOfAddress',
				person: 'Claire DURAND',
				contentType: 'image/jpeg',
				length: 2048,
				url: `/api/agent/requests/${number}/documents/${encodeURIComponent(piece._id)}/page-1`
			}),
			expect.objectContaining({ attachment: 'page-2', contentType: 'application/pdf' })
		]);
		expect(auditRows('request.view').at(-1)).toMatchObject({
			actor_id: desk.staff.id,
			household_id: family.householdId
		});

		// The bytes, inline, then as a download; each view audited.
		const before = auditRows('document.view').length;
		const img = await get(d.documents[0].url);
		expect(img.status).toBe(200);
		expect(img.headers.get('content-type')).toBe('image/jpeg');
		expect(img.headers.get('content-disposition')).toMatch(
			/^inline; filename="Justificatif de domicile \(1\)\.jpg"/
		);
		expect(img.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await img.arrayBuffer()).subarray(0, 3)).toEqual(
			Buffer.from([0xff, 0xd8, 0xff])
		);
		const pdf = await get(`${d.documents[1].url}?download=1`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(
			/^attachment; filename="Justificatif de domicile \(2\)\.pdf"/
		);
		const views = auditRows('document.view').slice(before);
		expect(views).toHaveLength(2);
		expect(JSON.parse(views[0].detail)).toEqual({
			number,
			pieceId: piece._id,
			attachment: 'page-1'
		});
		expect(views[0]).toMatchObject({ actor_id: desk.staff.id, household_id: family.householdId });
	});

	it('a document of family A cannot be fetched through a request of family B, nor an unreferenced piece', async () => {
		const a = await openFamily(desk);
		const pieceA = pieceWithPages([fakeFile('png')], 'png', { personId: a.userId });
		const requestA = submittedPreinscription({ pieceIds: [pieceA._id] });
		await a.send(pieceA, requestA);
		const b = await openFamily(desk);
		const loose = pieceWithPages([fakeFile('jpeg')], 'jpeg', { personId: b.userId });
		const requestB = submittedPreinscription();
		await b.send(loose, requestB);
		const numberA = a.numberOf(requestA._id);
		const numberB = b.numberOf(requestB._id);
		const before = auditRows('document.view').length;

		expect(
			(
				await get(
					`/api/agent/requests/${numberA}/documents/${encodeURIComponent(pieceA._id)}/page-1`
				)
			).status
		).toBe(200);
		const cross = await get(
			`/api/agent/requests/${numberB}/documents/${encodeURIComponent(pieceA._id)}/page-1`
		);
		expect(cross.status).toBe(404);
		expect((await cross.json()).error.message).toBe(
			'Ce document n’existe pas ou ne fait pas partie de cette demande.'
		);
		// B's own piece, never attached to its request, is not served through it either.
		expect(
			(
				await get(
					`/api/agent/requests/${numberB}/documents/${encodeURIComponent(loose._id)}/page-1`
				)
			).status
		).toBe(404);
		expect(
			(
				await get(
					`/api/agent/requests/${numberA}/documents/${encodeURIComponent(pieceA._id)}/page-9`
				)
			).status
		).toBe(404);
		expect(auditRows('document.view').length - before).toBe(1);
		expect((await get('/api/agent/requests/99999')).status).toBe(404);
	});
});
