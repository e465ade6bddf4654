import { describe, expect, it } from 'vitest';
import {
	FINAL_REQUEST_STATUSES,
	INITIAL_REQUEST_STATUS,
	REQUEST_STATUS,
	REQUEST_STATUSES,
	isRequestStatus
} from './request-status';

describe('request statuses', () => {
	it('a new request is « Déposée », as the guide shows it', () => {
		expect(INITIAL_REQUEST_STATUS).toBe('Déposée');
	});

	it('lists every status once, in French, in the order a request goes through them', () => {
		expect(REQUEST_STATUSES).toEqual([
			'Déposée',
			'En cours de traitement',
			'Acceptée',
			'Refusée',
			'Annulée'
		]);
		expect(new Set(REQUEST_STATUSES).size).toBe(REQUEST_STATUSES.length);
	});

	it('the final statuses are accepted, refused and cancelled', () => {
		expect(FINAL_REQUEST_STATUSES).toEqual([
			REQUEST_STATUS.accepted,
			REQUEST_STATUS.refused,
			REQUEST_STATUS.cancelled
		]);
	});

	it('recognises a stored status and nothing else', () => {
		expect(isRequestStatus('Acceptée')).toBe(true);
		expect(isRequestStatus('accepted')).toBe(false);
		expect(isRequestStatus(undefined)).toBe(false);
	});
});
