// Which commission session a request waits for, and when the family is asked to confirm its
// situation (the request page's « Prochaine commission » and « Confirmer ma situation »).
import { describe, expect, it } from 'vitest';
import { confirmationDue, nextSession, sessionLabel, type PublicSession } from './schedule';

const session = (
	id: string,
	date: string,
	periodEnd: string,
	state = 'planned'
): PublicSession => ({
	id,
	date,
	periodStart: `${date.slice(0, 7)}-01`,
	periodEnd,
	state
});

const MARCH = session('11111111-1111-4111-8111-111111111111', '2027-03-15', '2027-06-30');
const JUNE = session('22222222-2222-4222-8222-222222222222', '2027-06-15', '2027-09-30');
const SEPT = session('33333333-3333-4333-8333-333333333333', '2027-09-15', '2027-12-31');
const PAST = session('44444444-4444-4444-8444-444444444444', '2026-12-15', '2027-03-31', 'closed');

const REQ = 'preinscription:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';

describe('nextSession', () => {
	it('is the first planned session to come whose period covers the wished entry date', () => {
		// A child wished for August waits for June's session (March's period ends in June).
		expect(nextSession([SEPT, JUNE, MARCH], '2027-08-01', '2027-01-10')).toEqual(JUNE);
	});

	it('examines a wished date already past at the next session', () => {
		expect(nextSession([JUNE, MARCH], '2026-10-01', '2027-01-10')).toEqual(MARCH);
	});

	it('skips closed sessions and those already held', () => {
		expect(nextSession([PAST, MARCH, JUNE], '2027-01-01', '2027-03-16')).toEqual(JUNE);
		// The session's own day still counts as to come.
		expect(nextSession([PAST, MARCH], '2027-01-01', '2027-03-15')).toEqual(MARCH);
	});

	it('falls back on the next session when none covers the wished date yet', () => {
		expect(nextSession([MARCH, JUNE], '2028-02-01', '2027-01-10')).toEqual(MARCH);
	});

	it('is null when no session is planned', () => {
		expect(nextSession([PAST], '2027-01-01', '2027-01-10')).toBeNull();
		expect(nextSession([], '2027-01-01', '2027-01-10')).toBeNull();
	});
});

describe('sessionLabel', () => {
	it('names the session by its day, in French', () => {
		expect(sessionLabel(MARCH)).toBe('15 mars 2027');
	});
});

describe('confirmationDue', () => {
	const base = {
		requestId: REQ,
		status: 'Complète',
		wishedDate: '2027-05-01',
		sessions: [MARCH, JUNE],
		messages: [] as { subjectId?: string; title?: string }[]
	};

	it('asks a waiting request to confirm within the reminder window (14 days before)', () => {
		expect(confirmationDue({ ...base, today: '2027-03-01' })).toEqual(MARCH);
		expect(confirmationDue({ ...base, today: '2027-02-28' })).toBeNull();
	});

	it('asks as soon as the service sent its reminder about this request', () => {
		const reminder = {
			subjectId: REQ,
			title: 'Commission du 15 mars 2027 : confirmez votre situation'
		};
		const pieces = { subjectId: REQ, title: 'Pièces demandées' };
		expect(confirmationDue({ ...base, messages: [pieces], today: '2027-02-01' })).toBeNull();
		const messages = [{ ...reminder, subjectId: 'preinscription:other' }, reminder];
		expect(confirmationDue({ ...base, messages, today: '2027-02-01' })).toEqual(MARCH);
	});

	it('asks nothing of a request no longer waiting for a place', () => {
		for (const status of ['Place proposée', 'Admis', 'Refusée', 'Place déclinée'])
			expect(confirmationDue({ ...base, status, today: '2027-03-10' })).toBeNull();
		expect(confirmationDue({ ...base, status: 'Liste d’attente', today: '2027-03-10' })).toEqual(
			MARCH
		);
	});

	it('asks nothing when no session is known on the device', () => {
		expect(
			confirmationDue({
				...base,
				sessions: [],
				messages: [{ subjectId: REQ, title: 'Commission du 15 mars 2027' }],
				today: '2027-03-10'
			})
		).toBeNull();
	});
});
