// French wording of sign-in times, waits and names (dates come from $domain/french-date).
import { frenchDateTime } from '$domain/french-date';
import type { MeUser } from './types';

/** "Dernière connexion le 04/11/2021 à 11:20", or null on the first sign-in. */
export function lastLoginLine(lastLoginAt: string | null): string | null {
	if (!lastLoginAt) return null;
	const when = frenchDateTime(lastLoginAt);
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
