// The household's requests as the parent follows them: numbered, awaiting, refused by the sync.
import { describe, expect, it } from 'vitest';
import { AWAITING_SEND_LABEL, REQUEST_STATUS } from '$domain/request-status';
import {
	listDrafts,
	listRequests,
	messageSubject,
	SYNC_REFUSED_LABEL,
	statusTone
} from './requests';
import type { EntourageDocument } from './entourage.service';
import type { PreinscriptionDocument } from './preinscription.service';
import type { RequestStatusDoc } from './service-docs.service';

const LEA = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const ent = (uuid: string, over: Partial<EntourageDocument> = {}): EntourageDocument => ({
	_id: `entourage:${uuid}`,
	type: 'entourage',
	state: 'submitted',
	submittedAt: '2026-11-20T10:00:00.000Z',
	updatedAt: '2026-11-20T10:00:00.000Z',
	members: [
		{ id: LEA, role: 'child', firstNames: 'Léa', lastName: 'Martin', birthDate: '2025-01-02' }
	],
	...over
});
const pre = (uuid: string, over: Partial<PreinscriptionDocument> = {}): PreinscriptionDocument => ({
	_id: `preinscription:${uuid}`,
	type: 'preinscription',
	state: 'submitted',
	childId: LEA,
	submittedAt: '2026-11-21T09:30:00.000Z',
	updatedAt: '2026-11-21T09:30:00.000Z',
	...over
});
const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
const U3 = '33333333-3333-4333-8333-333333333333';

const status = (subject: string, number: number, extra: Partial<RequestStatusDoc> = {}) =>
	({
		_id: `svc:status:${subject}`,
		type: 'status',
		subjectId: subject,
		subjectType: subject.split(':')[0],
		requestNumber: number,
		status: REQUEST_STATUS.submitted,
		history: [{ status: REQUEST_STATUS.submitted, at: '2026-11-20T10:00:01.000Z' }],
		...extra
	}) as RequestStatusDoc;

describe('the household’s requests', () => {
	it('shows a numbered request with its number, type, people, status and history', () => {
		const [r] = listRequests({
			entourages: [ent(U1)],
			preinscriptions: [],
			statuses: [status(`entourage:${U1}`, 7)],
			denied: []
		});
		expect(r).toMatchObject({
			number: 7,
			stage: 'numbered',
			typeLabel: 'Déclaration d’entourage',
			statusLabel: 'Déposée',
			people: ['Léa MARTIN'],
			uuid: U1
		});
		expect(r!.history).toEqual([{ label: 'Déposée', at: '2026-11-20T10:00:01.000Z' }]);
	});

	it('names the child of a pre-registration from the household’s declarations, newest first', () => {
		const list = listRequests({
			entourages: [ent(U1)],
			preinscriptions: [pre(U2)],
			statuses: [],
			denied: []
		});
		expect(list.map((r) => r.type)).toEqual(['preinscription', 'entourage']);
		expect(list[0]).toMatchObject({
			typeLabel: 'Préinscription en crèche',
			people: ['Léa MARTIN'],
			number: null,
			stage: 'awaiting',
			statusLabel: AWAITING_SEND_LABEL
		});
	});

	it('shows the server’s French reason when the sync refused a submitted document', () => {
		const reason = 'La date d’entrée souhaitée ne peut pas être passée.';
		const [r] = listRequests({
			entourages: [],
			preinscriptions: [pre(U2)],
			statuses: [],
			denied: [{ id: `preinscription:${U2}`, reason }]
		});
		expect(r).toMatchObject({ stage: 'refused-by-sync', statusLabel: SYNC_REFUSED_LABEL, reason });
		expect(statusTone(r!)).toBe('error');
	});

	it('keeps the service’s reason and marks a final decision', () => {
		const [r] = listRequests({
			entourages: [ent(U1)],
			preinscriptions: [],
			statuses: [
				status(`entourage:${U1}`, 3, {
					status: REQUEST_STATUS.refused,
					reason: 'Pièce illisible.',
					history: [
						{ status: REQUEST_STATUS.submitted, at: '2026-11-20T10:00:01.000Z' },
						{ status: REQUEST_STATUS.refused, at: '2026-11-22T08:00:00.000Z' }
					]
				})
			],
			denied: []
		});
		expect(r).toMatchObject({ final: true, reason: 'Pièce illisible.', statusLabel: 'Refusée' });
		expect(r!.history.map((h) => h.label)).toEqual(['Déposée', 'Refusée']);
	});

	it('shows who acted, the agent’s comment and what the family is asked, in the history', () => {
		const [r] = listRequests({
			entourages: [],
			preinscriptions: [pre(U2)],
			statuses: [
				status(`preinscription:${U2}`, 5, {
					status: REQUEST_STATUS.piecesReceived,
					history: [
						{ status: REQUEST_STATUS.submitted, at: '2026-11-20T10:00:01.000Z' },
						{
							status: REQUEST_STATUS.piecesRequested,
							at: '2026-11-21T10:00:00.000Z',
							by: 'Agnès Instructrice',
							comment: ' ',
							message: 'Le livret de famille.'
						},
						{
							status: REQUEST_STATUS.piecesReceived,
							at: '2026-11-22T10:00:00.000Z',
							by: 'Vous',
							comment: 'Voici les pages.'
						}
					]
				})
			],
			denied: []
		});
		expect(r!.history).toEqual([
			{ label: 'Déposée', at: '2026-11-20T10:00:01.000Z' },
			{
				label: 'Pièces demandées',
				at: '2026-11-21T10:00:00.000Z',
				by: 'Agnès Instructrice',
				message: 'Le livret de famille.'
			},
			{
				label: 'Pièces reçues',
				at: '2026-11-22T10:00:00.000Z',
				by: 'Vous',
				comment: 'Voici les pages.'
			}
		]);
	});

	it('finds the request a service message is about', () => {
		const requests = listRequests({
			entourages: [ent(U1)],
			preinscriptions: [pre(U2)],
			statuses: [],
			denied: []
		});
		expect(messageSubject({ subjectId: `preinscription:${U2}` }, requests)?.uuid).toBe(U2);
		expect(messageSubject({ subjectId: `preinscription:${U3}` }, requests)).toBeNull();
		expect(messageSubject({}, requests)).toBeNull();
	});

	it('lists drafts apart, with the step they were left at, and never as requests', () => {
		const sources = {
			entourages: [
				ent(U1),
				ent(U3, { state: 'draft', step: 2, updatedAt: '2026-11-23T00:00:00Z' })
			],
			preinscriptions: [pre(U2, { state: 'draft', updatedAt: '2026-11-22T00:00:00Z' })]
		};
		expect(listRequests({ ...sources, statuses: [], denied: [] }).map((r) => r.id)).toEqual([
			`entourage:${U1}`
		]);
		expect(listDrafts(sources).map((d) => [d.id, d.step])).toEqual([
			[`entourage:${U3}`, 2],
			[`preinscription:${U2}`, null]
		]);
	});
});

describe('statusTone of the commission’s outcomes', () => {
	const tone = (statusLabel: string) => statusTone({ stage: 'numbered', statusLabel });

	it('marks the place accepted as a success and a declined place as ended', () => {
		expect(tone(REQUEST_STATUS.admitted)).toBe('success');
		expect(tone(REQUEST_STATUS.declined)).toBe('error');
	});

	it('marks a place offered as waiting for the family’s answer, a waiting list as information', () => {
		expect(tone(REQUEST_STATUS.offered)).toBe('waiting');
		expect(tone(REQUEST_STATUS.waitlisted)).toBe('info');
	});
});
