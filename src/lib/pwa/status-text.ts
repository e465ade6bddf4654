// The French wording of the global status bar, kept pure so every case is unit-tested.
import { frenchTime } from '$domain/french-date';
import type { SyncPhase } from '$sync/sync-status';

export type StatusTone = 'info' | 'success' | 'warning' | 'error';

export interface StatusInput {
	online: boolean;
	phase: SyncPhase;
	pending: number;
	denied: number;
	lastSuccessAt: Date | null;
}

export interface StatusLine {
	text: string;
	tone: StatusTone;
}

export function pendingText(count: number): string {
	return count === 1 ? "1 élément en attente d'envoi" : `${count} éléments en attente d'envoi`;
}

function deniedText(count: number): string {
	return count === 1 ? '1 document refusé' : `${count} documents refusés`;
}

/** The status bar line, or null when there is nothing worth showing (signed out and online). */
export function statusLine(s: StatusInput): StatusLine | null {
	const extra = [
		s.pending > 0 ? pendingText(s.pending) : null,
		s.denied > 0 ? deniedText(s.denied) : null
	]
		.filter(Boolean)
		.join(' · ');
	const withExtra = (text: string) => (extra ? `${text} · ${extra}` : text);

	if (!s.online || s.phase === 'offline') {
		return {
			text: withExtra('Hors ligne — vos saisies sont enregistrées sur cet appareil'),
			tone: 'warning'
		};
	}
	switch (s.phase) {
		case 'stopped':
			return null;
		case 'auth-required':
			return {
				text: withExtra('Session expirée — reconnectez-vous pour envoyer vos saisies'),
				tone: 'error'
			};
		case 'error':
			return {
				text: withExtra('Envoi momentanément impossible — nouvel essai automatique'),
				tone: 'error'
			};
		case 'syncing':
			return { text: extra || 'Synchronisation en cours…', tone: 'info' };
		case 'up-to-date':
			if (extra) return { text: extra, tone: s.denied > 0 ? 'error' : 'info' };
			return {
				text: s.lastSuccessAt ? `Synchronisé à ${frenchTime(s.lastSuccessAt)}` : 'Synchronisé',
				tone: 'success'
			};
	}
}
