import { describe, expect, it } from 'vitest';
import {
	AGENT_ACTIONS,
	FINAL_REQUEST_STATUSES,
	INITIAL_REQUEST_STATUS,
	REQUEST_STATUS,
	REQUEST_STATUSES,
	TRANSITIONS,
	allowedActions,
	isRequestStatus,
	nextStatus
} from './request-status';

describe('request statuses', () => {
	it('a new request is « Déposée », as the guide shows it', () => {
		expect(INITIAL_REQUEST_STATUS).toBe('Déposée');
	});

	it('lists every status once, in French, in the order a request goes through them', () => {
		expect(REQUEST_STATUSES).toEqual([
			'Déposée',
			'En cours d’instruction',
			'Pièces demandées',
			'Pièces reçues',
			'Complète',
			'Refusée',
			'Classée sans suite',
			'Place proposée',
			'Liste d’attente',
			'Admis',
			'Place déclinée'
		]);
		expect(new Set(REQUEST_STATUSES).size).toBe(REQUEST_STATUSES.length);
	});

	it('nothing leaves a refused, withdrawn, admitted or declined request', () => {
		expect(FINAL_REQUEST_STATUSES).toEqual([
			REQUEST_STATUS.refused,
			REQUEST_STATUS.closed,
			REQUEST_STATUS.admitted,
			REQUEST_STATUS.declined
		]);
		for (const s of FINAL_REQUEST_STATUSES) {
			expect(allowedActions(s)).toEqual([]);
			for (const action of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[])
				expect(nextStatus(s, action).ok).toBe(false);
		}
	});

	it('recognises a stored status and nothing else', () => {
		expect(isRequestStatus('Complète')).toBe(true);
		expect(isRequestStatus('complete')).toBe(false);
		expect(isRequestStatus(undefined)).toBe(false);
	});
});

describe('status transitions', () => {
	it('the desk journey: taken, pieces asked, received, complete', () => {
		let s = INITIAL_REQUEST_STATUS;
		for (const [action, expected] of [
			['take', 'En cours d’instruction'],
			['ask-pieces', 'Pièces demandées'],
			['pieces-sent', 'Pièces reçues'],
			['take', 'En cours d’instruction'],
			['complete', 'Complète']
		] as const) {
			const r = nextStatus(s, action);
			expect(r).toEqual({ ok: true, status: expected });
			if (r.ok) s = r.status;
		}
	});

	it('an action not allowed from the current status gives a French reason', () => {
		expect(nextStatus(REQUEST_STATUS.complete, 'ask-pieces')).toEqual({
			ok: false,
			reason: 'Action « Demander des pièces » impossible : la demande est « Complète ».'
		});
		// Only the family answers a request for pieces; an agent cannot take it meanwhile.
		expect(allowedActions(REQUEST_STATUS.piecesRequested)).toEqual(['refuse', 'close']);
		expect(nextStatus(REQUEST_STATUS.inReview, 'pieces-sent').ok).toBe(false);
	});

	it('the commission: a complete file gets a place or waits; the family accepts or declines', () => {
		expect(nextStatus(REQUEST_STATUS.complete, 'offer')).toEqual({
			ok: true,
			status: 'Place proposée'
		});
		expect(nextStatus(REQUEST_STATUS.complete, 'waitlist')).toEqual({
			ok: true,
			status: 'Liste d’attente'
		});
		// A waiting list keeps working: a freed place goes to a waiting file.
		expect(nextStatus(REQUEST_STATUS.waitlisted, 'offer').ok).toBe(true);
		expect(nextStatus(REQUEST_STATUS.offered, 'accept')).toEqual({ ok: true, status: 'Admis' });
		expect(nextStatus(REQUEST_STATUS.offered, 'decline')).toEqual({
			ok: true,
			status: 'Place déclinée'
		});
		expect(nextStatus(REQUEST_STATUS.offered, 'expire')).toEqual({
			ok: true,
			status: 'Place déclinée'
		});
		// Only complete files are examined; an offer is answered by the family, not the desk.
		expect(nextStatus(REQUEST_STATUS.inReview, 'offer').ok).toBe(false);
		expect(allowedActions(REQUEST_STATUS.offered)).toEqual([]);
	});

	it('every open status but a pending offer can be refused or closed; the table names only known statuses', () => {
		const open = REQUEST_STATUSES.filter(
			(x) => !FINAL_REQUEST_STATUSES.includes(x) && x !== REQUEST_STATUS.offered
		);
		for (const s of open) {
			expect(allowedActions(s)).toEqual(expect.arrayContaining(['refuse', 'close']));
		}
		for (const t of Object.values(TRANSITIONS)) {
			expect([...t.from, t.to].every(isRequestStatus)).toBe(true);
		}
		expect(AGENT_ACTIONS).toHaveLength(5);
	});
});
