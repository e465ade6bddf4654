import { describe, expect, it } from 'vitest';
import { pendingText, statusLine, type StatusInput } from './status-text';

const base: StatusInput = {
	online: true,
	phase: 'up-to-date',
	pending: 0,
	denied: 0,
	lastSuccessAt: null
};

describe('statusLine', () => {
	it('says the time of the last sync in Paris time', () => {
		const at = new Date('2026-11-26T09:42:00Z'); // 10:42 in Paris (UTC+1 in winter)
		expect(statusLine({ ...base, lastSuccessAt: at })).toEqual({
			text: 'Synchronisé à 10:42',
			tone: 'success'
		});
		const summer = new Date('2026-07-01T08:05:00Z'); // 10:05 in Paris (UTC+2)
		expect(statusLine({ ...base, lastSuccessAt: summer })?.text).toBe('Synchronisé à 10:05');
	});

	it('reassures when offline and counts what waits', () => {
		expect(statusLine({ ...base, online: false, pending: 3 })?.text).toBe(
			"Hors ligne — vos saisies sont enregistrées sur cet appareil · 3 éléments en attente d'envoi"
		);
		expect(statusLine({ ...base, phase: 'offline' })?.tone).toBe('warning');
	});

	it('shows pending changes rather than a stale success', () => {
		expect(statusLine({ ...base, pending: 1 })?.text).toBe("1 élément en attente d'envoi");
		expect(statusLine({ ...base, phase: 'syncing', pending: 3 })?.text).toBe(
			"3 éléments en attente d'envoi"
		);
	});

	it('asks for sign-in after a 401 and reports refusals', () => {
		expect(statusLine({ ...base, phase: 'auth-required' })?.text).toMatch(/^Session expirée/);
		expect(statusLine({ ...base, denied: 2 })).toEqual({
			text: '2 documents refusés',
			tone: 'error'
		});
	});

	it('shows nothing when signed out and online', () => {
		expect(statusLine({ ...base, phase: 'stopped' })).toBeNull();
		expect(statusLine({ ...base, phase: 'stopped', online: false })?.tone).toBe('warning');
	});

	it('uses the singular for one element', () => {
		expect(pendingText(1)).toBe("1 élément en attente d'envoi");
		expect(pendingText(0)).toBe("0 éléments en attente d'envoi");
	});
});
