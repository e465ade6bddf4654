// The people of the household a supporting document can be about: the signed-in parent and the
// members declared in submitted declarations.
import { memberName } from '$domain/entourage-summary';
import type { DeclaredMember } from './household';

export interface Person {
	id: string;
	label: string;
}

export function householdPersons(
	user: { id: string; firstNames: string; lastName: string } | null,
	members: readonly DeclaredMember[]
): Person[] {
	const persons: Person[] = [];
	if (user) persons.push({ id: user.id, label: `${memberName(user)} (moi)` });
	for (const m of members)
		if (!persons.some((p) => p.id === m.id)) persons.push({ id: m.id, label: memberName(m) });
	return persons;
}

/** The label of a person id, or « Personne non déclarée » for one no longer in the household. */
export function personLabel(persons: readonly Person[], id: unknown): string {
	return persons.find((p) => p.id === id)?.label ?? 'Personne non déclarée';
}
