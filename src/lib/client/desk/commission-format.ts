// How the commission's desk screens word sessions, places left and decisions (French, dates in
// Europe/Paris through $domain/french-date).
import { frenchLongDay } from '$domain/french-date';
import { AGE_GROUPS, AGE_GROUP_LABELS } from '$domain/structures';
import type { Decision, PlacesLeft, SessionState } from './commission-types';

export function sessionStateLabel(state: SessionState): string {
	return state === 'closed' ? 'Close' : 'Planifiée';
}

/** « du 1er avril 2027 au 30 juin 2027 ». */
export function periodText(start: string, end: string): string {
	return `du ${frenchLongDay(start)} au ${frenchLongDay(end)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** « 1 place restante sur 2 », « Complet (2 places attribuées) », « Aucune place ». */
export function placesLeftText(left: number, capacity: number): string {
	if (capacity <= 0) return 'Aucune place';
	if (left <= 0)
		return `Complet (${plural(capacity, 'place')} ${capacity > 1 ? 'attribuées' : 'attribuée'})`;
	return `${plural(left, 'place')} ${left > 1 ? 'restantes' : 'restante'} sur ${capacity}`;
}

/**
 * What changed in the places left between two answers of the server, for the live region
 * (nothing when the table was just loaded or nothing moved).
 */
export function placesChanges(before: PlacesLeft[], after: PlacesLeft[]): string {
	if (before.length === 0) return '';
	const old = new Map(before.map((r) => [r.structureId, r]));
	const changes: string[] = [];
	for (const r of after) {
		const prev = old.get(r.structureId);
		for (const g of AGE_GROUPS) {
			if (prev && prev[g] === r[g]) continue;
			changes.push(`${r.name}, ${AGE_GROUP_LABELS[g]} : ${placesLeftText(r[g], r.capacity[g])}`);
		}
	}
	return changes.length ? `Places restantes mises à jour : ${changes.join(' ; ')}.` : '';
}

const OUTCOME: Record<Decision['outcome'], string> = {
	offer: 'Place proposée',
	waitlist: 'Liste d’attente',
	refuse: 'Refus',
	hold: 'Non examinée à cette commission'
};

/** « Place proposée : Les Lilas (choix 1) », « Refus — ajustement : <motif> ». */
export function decisionText(d: Decision): string {
	let text = OUTCOME[d.outcome];
	if (d.outcome === 'offer' && d.structureName)
		text += ` : ${d.structureName} (${d.choiceRank ? `choix ${d.choiceRank}` : 'hors choix'})`;
	if (d.manual && d.reason) text += ` — ajustement : ${d.reason}`;
	return text;
}
