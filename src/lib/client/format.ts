// French formatting of dates, waits and names, always in the Europe/Paris time zone.
import type { MeUser } from './types';

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
	timeZone: 'Europe/Paris',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** "04/11/2021 à 11:20" */
export function formatDateTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		DATE_TIME.formatToParts(date).find((p) => p.type === type)?.value ?? '';
	return `${part('day')}/${part('month')}/${part('year')} à ${part('hour')}:${part('minute')}`;
}

/** "Dernière connexion le 04/11/2021 à 11:20", or null on the first sign-in. */
export function lastLoginLine(lastLoginAt: string | null): string | null {
	if (!lastLoginAt) return null;
	const when = formatDateTime(lastLoginAt);
	return when ? `Dernière connexion le ${when}` : null;
}

/** "Bonjour Madame DURAND." */
export function greeting(user: Pick<MeUser, 'civility' | 'lastName' | 'firstNames'>): string {
	const name = user.lastName.toLocaleUpperCase('fr-FR');
	return user.civility
		? `Bonjour ${user.civility} ${name}.`
		: `Bonjour ${user.firstNames} ${name}.`;
}

/** "2 minutes", "45 secondes", "1 heure" */
export function formatWait(seconds: number): string {
	const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
	if (seconds < 60) return plural(Math.max(1, seconds), 'seconde');
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 60) return plural(minutes, 'minute');
	return plural(Math.ceil(minutes / 60), 'heure');
}
