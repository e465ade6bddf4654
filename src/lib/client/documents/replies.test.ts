// Where the family's answer to « Pièces demandées » stands (the request page's block).
import { describe, expect, it } from 'vitest';
import { piecesAsked, replyStage, type ReplySources } from './replies';
import type { ReplyDocument } from './reply.service';
import type { RequestStatusDoc } from './service-docs.service';

const REQ = 'preinscription:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';
const ASKED_AT = '2026-11-26T10:00:00.000Z';

const status = (s: string, extra: Partial<RequestStatusDoc> = {}) =>
	({
		_id: `svc:status:${REQ}`,
		type: 'status',
		subjectId: REQ,
		subjectType: 'preinscription',
		requestNumber: 4,
		status: s,
		history: [
			{ status: 'Déposée', at: '2026-11-25T10:00:00.000Z' },
			{ status: 'Pièces demandées', at: ASKED_AT, by: 'Agnès', message: 'Le livret de famille.' },
			...(s === 'Pièces demandées' ? [] : [{ status: s, at: '2026-11-27T10:00:00.000Z' }])
		],
		...extra
	}) as RequestStatusDoc;

const reply = (id: string, state: string, extra: Partial<ReplyDocument> = {}) =>
	({
		_id: `reply:${id}`,
		type: 'reply',
		state,
		requestId: REQ,
		pieceIds: ['piece:x'],
		askedAt: ASKED_AT,
		updatedAt: '2026-11-26T11:00:00.000Z',
		...extra
	}) as ReplyDocument;

const sources = (s: Partial<ReplySources>): ReplySources => ({
	requestId: REQ,
	status: status('Pièces demandées'),
	replies: [],
	denied: [],
	pendingIds: [],
	...s
});

describe('what the service asks', () => {
	it('reads piecesRequested, else the history entry’s message; nothing when not asked', () => {
		expect(
			piecesAsked(status('Pièces demandées', { piecesRequested: 'Un justificatif.' }))
		).toEqual({ message: 'Un justificatif.', askedAt: ASKED_AT });
		expect(piecesAsked(status('Pièces demandées'))).toEqual({
			message: 'Le livret de famille.',
			askedAt: ASKED_AT
		});
		expect(piecesAsked(status('Pièces reçues'))).toBeNull();
		expect(piecesAsked(null)).toBeNull();
	});
});

describe('the reply’s stage', () => {
	it('asked: no draft yet, then the draft answering this request for pieces', () => {
		expect(replyStage(sources({}))).toMatchObject({ kind: 'asked', draft: null, refusal: null });
		const old = reply('old', 'submitted', { askedAt: '2026-11-01T00:00:00.000Z' });
		const draft = reply('d', 'draft');
		expect(replyStage(sources({ replies: [old, draft] }))).toMatchObject({
			kind: 'asked',
			draft: { _id: 'reply:d' }
		});
	});

	it('submitted offline: « En attente d’envoi » while pending, then sent', () => {
		const sent = reply('s', 'submitted');
		expect(replyStage(sources({ replies: [sent], pendingIds: ['reply:s'] }))).toMatchObject({
			kind: 'waiting'
		});
		expect(replyStage(sources({ replies: [sent] }))).toMatchObject({ kind: 'sent' });
		expect(replyStage(sources({ replies: [sent], status: status('Pièces reçues') }))).toMatchObject(
			{ kind: 'sent', reply: { _id: 'reply:s' } }
		);
	});

	it('refused by the sync: still asked, the parent may correct it; after the service moved on, its reason', () => {
		const sent = reply('s', 'submitted');
		const denied = [{ id: 'reply:s', reason: 'Une pièce n’appartient pas à votre foyer.' }];
		expect(replyStage(sources({ replies: [sent], denied }))).toMatchObject({
			kind: 'asked',
			draft: { _id: 'reply:s' },
			refusal: 'Une pièce n’appartient pas à votre foyer.'
		});
		const closed = status('Classée sans suite');
		const notWaiting = [
			{ id: 'reply:s', reason: 'Le service n’attend pas de pièces pour cette demande.' }
		];
		expect(
			replyStage(sources({ replies: [sent], denied: notWaiting, status: closed }))
		).toMatchObject({
			kind: 'refused',
			reason: 'Le service n’attend pas de pièces pour cette demande.'
		});
		expect(replyStage(sources({ status: closed }))).toEqual({ kind: 'none' });
	});
});
