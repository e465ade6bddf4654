// The family's answers on the request page: the offer's deadline as the parent reads it, the
// `offer-answer` and `confirmation` documents built from the screen, and where each stands
// (« En attente d’envoi », sent, refused by the server with its reason).
import { describe, expect, it } from 'vitest';
import { documentProblem } from '$domain/documents';
import {
	OFFLINE_ANSWER_NOTICE,
	answerStage,
	confirmationFields,
	confirmationStage,
	deadlineWording,
	lastQuestionnaire,
	offerAnswerFields
} from './answers';
import type { ConfirmationDocument, OfferAnswerDoc } from './answers';

const REQ = 'preinscription:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';
const OFFER = '9c1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';
const SESSION = '11111111-1111-4111-8111-111111111111';
const offer = {
	offerId: OFFER,
	structureId: 's1',
	structureName: 'Les Petits Loups',
	ageGroup: 'babies',
	startDate: '2027-04-01',
	// 23:59 in Paris (summer time, UTC+2, since 28 March 2027).
	deadline: '2027-03-30T21:59:00.000Z'
};

describe('deadlineWording', () => {
	it('says until when to answer, at Paris time, and how long is left', () => {
		const w = deadlineWording(offer.deadline, new Date('2027-03-20T10:00:00Z'));
		expect(w.passed).toBe(false);
		expect(w.text).toBe('Répondez avant le 30 mars 2027 à 23:59.');
		expect(w.left).toBe('Il vous reste 10 jours.');
	});

	it('says the last day, then that the deadline has passed', () => {
		expect(deadlineWording(offer.deadline, new Date('2027-03-30T08:00:00Z')).left).toBe(
			'C’est le dernier jour pour répondre.'
		);
		const passed = deadlineWording(offer.deadline, new Date('2027-03-31T08:00:00Z'));
		expect(passed.passed).toBe(true);
		expect(passed.text).toBe(
			'Le délai pour répondre à cette proposition est dépassé (30 mars 2027 à 23:59).'
		);
	});

	it('names the 48 hours of grace in the offline notice', () => {
		expect(OFFLINE_ANSWER_NOTICE).toBe(
			'Vous êtes hors ligne : votre réponse sera envoyée dès le retour du réseau. Elle compte si vous l’avez donnée avant la date limite et qu’elle nous parvient au plus tard 48 heures après.'
		);
	});
});

describe('offerAnswerFields', () => {
	const now = new Date('2027-03-20T10:00:00.000Z');

	it('builds an acceptance stamped with the device time, valid for the server', () => {
		const fields = offerAnswerFields(REQ, offer, 'accept', 'ignored', now);
		expect(fields).toEqual({
			requestId: REQ,
			offerId: OFFER,
			answer: 'accept',
			answeredAt: '2027-03-20T10:00:00.000Z'
		});
		expect(
			documentProblem(
				'offer-answer',
				{ type: 'offer-answer', state: 'submitted', ...fields },
				false
			)
		).toBeNull();
	});

	it('keeps the reason of a refusal, trimmed, and none when blank', () => {
		expect(offerAnswerFields(REQ, offer, 'decline', '  Nous avons déménagé. ', now)).toMatchObject({
			answer: 'decline',
			reason: 'Nous avons déménagé.'
		});
		expect(offerAnswerFields(REQ, offer, 'decline', '   ', now)).not.toHaveProperty('reason');
	});
});

const answer = (id: string, extra: Partial<OfferAnswerDoc> = {}) =>
	({
		_id: `offer-answer:${id}`,
		type: 'offer-answer',
		state: 'submitted',
		requestId: REQ,
		offerId: OFFER,
		answer: 'accept',
		answeredAt: '2027-03-20T10:00:00.000Z',
		updatedAt: '2027-03-20T10:00:00.000Z',
		...extra
	}) as OfferAnswerDoc;

describe('answerStage', () => {
	const A = 'a0000000-0000-4000-8000-000000000000';
	const B = 'b0000000-0000-4000-8000-000000000000';

	it('is open when the family has not answered this offer', () => {
		const other = answer(A, { offerId: 'c0000000-0000-4000-8000-000000000000' });
		expect(answerStage({ offerId: OFFER, answers: [other], denied: [], pendingIds: [] })).toEqual({
			kind: 'open',
			refusal: null
		});
	});

	it('waits while the answer is on the device only, then is sent', () => {
		const a = answer(A);
		const s = { offerId: OFFER, answers: [a], denied: [] };
		expect(answerStage({ ...s, pendingIds: [a._id] })).toEqual({ kind: 'waiting', answer: a });
		expect(answerStage({ ...s, pendingIds: [] })).toEqual({ kind: 'sent', answer: a });
	});

	it('shows the server’s reason when it refused the answer, and lets the family answer again', () => {
		const a = answer(A);
		const reason = 'Le délai pour répondre à cette proposition est dépassé.';
		expect(
			answerStage({ offerId: OFFER, answers: [a], denied: [{ id: a._id, reason }], pendingIds: [] })
		).toEqual({ kind: 'open', refusal: reason });
		// A newer answer written after the refusal is the one that counts.
		const b = answer(B, { updatedAt: '2027-03-21T10:00:00.000Z' });
		expect(
			answerStage({
				offerId: OFFER,
				answers: [a, b],
				denied: [{ id: a._id, reason }],
				pendingIds: [b._id]
			})
		).toEqual({ kind: 'waiting', answer: b });
	});
});

describe('confirmationFields and confirmationStage', () => {
	const now = new Date('2027-03-05T09:00:00.000Z');

	it('builds the confirmation of the questionnaire for a session, valid for the server', () => {
		const fields = confirmationFields(
			REQ,
			SESSION,
			{ residentInArea: true, professionalSituation: ['parent1Works', 'parent2Works'] },
			' Rien de changé. ',
			now
		);
		expect(fields).toEqual({
			requestId: REQ,
			sessionId: SESSION,
			questionnaire: {
				residentInArea: true,
				professionalSituation: ['parent1Works', 'parent2Works']
			},
			comment: 'Rien de changé.',
			confirmedAt: '2027-03-05T09:00:00.000Z'
		});
		expect(
			documentProblem(
				'confirmation',
				{ type: 'confirmation', state: 'submitted', ...fields },
				false
			)
		).toBeNull();
		expect(
			confirmationFields(
				REQ,
				SESSION,
				{ residentInArea: false, professionalSituation: ['noneWorks'] },
				'',
				now
			)
		).not.toHaveProperty('comment');
	});

	const conf = (id: string, extra: Partial<ConfirmationDocument> = {}) =>
		({
			_id: `confirmation:${id}`,
			type: 'confirmation',
			state: 'submitted',
			requestId: REQ,
			sessionId: SESSION,
			questionnaire: { residentInArea: true, professionalSituation: ['noneWorks'] },
			confirmedAt: '2027-03-05T09:00:00.000Z',
			updatedAt: '2027-03-05T09:00:00.000Z',
			...extra
		}) as ConfirmationDocument;
	const C = 'c0000000-0000-4000-8000-000000000000';

	it('is open until the family confirms for this session; waiting offline; then confirmed on its date', () => {
		const s = { requestId: REQ, sessionId: SESSION, denied: [] };
		const older = conf(C, { sessionId: '22222222-2222-4222-8222-222222222222' });
		expect(confirmationStage({ ...s, confirmations: [older], pendingIds: [] })).toEqual({
			kind: 'open',
			refusal: null
		});
		const c = conf(C);
		expect(confirmationStage({ ...s, confirmations: [c], pendingIds: [c._id] })).toEqual({
			kind: 'waiting',
			confirmation: c
		});
		expect(confirmationStage({ ...s, confirmations: [c], pendingIds: [] })).toEqual({
			kind: 'confirmed',
			confirmation: c,
			at: '2027-03-05T09:00:00.000Z'
		});
	});

	it('shows the server’s refusal and lets the family confirm again', () => {
		const c = conf(C);
		const reason = 'Cette commission est close.';
		expect(
			confirmationStage({
				requestId: REQ,
				sessionId: SESSION,
				confirmations: [c],
				denied: [{ id: c._id, reason }],
				pendingIds: []
			})
		).toEqual({ kind: 'open', refusal: reason });
	});
});

describe('lastQuestionnaire', () => {
	const request = {
		_id: REQ,
		questionnaire: { residentInArea: false, professionalSituation: ['noneWorks'] }
	};
	const confirmed = (id: string, updatedAt: string, professionalSituation: string[]) =>
		({
			_id: `confirmation:${id}`,
			type: 'confirmation',
			state: 'submitted',
			requestId: REQ,
			sessionId: SESSION,
			questionnaire: { residentInArea: true, professionalSituation },
			updatedAt
		}) as ConfirmationDocument;

	it('prefills the confirmation with the request’s answers at first', () => {
		expect(lastQuestionnaire(request, [])).toEqual({
			residentInArea: false,
			professionalSituation: ['noneWorks']
		});
	});

	it('then with the newest confirmation sent for this request', () => {
		const older = confirmed('c1000000-0000-4000-8000-000000000000', '2027-03-01T09:00:00Z', [
			'parent1Works'
		]);
		const newer = confirmed('c2000000-0000-4000-8000-000000000000', '2027-06-01T09:00:00Z', [
			'parent1Works',
			'parent2Works'
		]);
		const draft: ConfirmationDocument = {
			...newer,
			_id: 'confirmation:x',
			state: 'draft',
			updatedAt: '2027-07-01'
		};
		const other = { ...newer, requestId: 'preinscription:other', updatedAt: '2027-08-01' };
		expect(lastQuestionnaire(request, [older, draft, other, newer])).toEqual({
			residentInArea: true,
			professionalSituation: ['parent1Works', 'parent2Works']
		});
	});
});
