// The rules of a crèche pre-registration that depend on the household (SYNC_SPEC S-VAL-3..6):
// the child was declared in a submitted declaration of this household, the wished entry date is
// not past and, for a child to be born, after the expected birth date; the supporting documents
// are pieces of this household. The wizard checks them step by step; the server checks the same
// functions on every submitted preinscription it receives. Pure.
import { todayInParis } from './validation';

export interface DeclaredChild {
	id: string;
	toBeBorn?: boolean;
	expectedBirthDate?: string;
	birthDate?: string;
}

export interface HouseholdFacts {
	/** Children declared in submitted declarations of the household. */
	children: readonly DeclaredChild[];
	/** Ids of the household's pieces (`piece:<uuid>`). */
	pieceIds: readonly string[];
	/** The reference day (Europe/Paris, YYYY-MM-DD) the entry date must not precede. */
	today: string;
}

export const CHILD_NOT_DECLARED =
	'Cet enfant n’est pas déclaré dans votre entourage : déclarez-le d’abord (Mon entourage → Déclarer mon entourage).';
export const ENTRY_DATE_PAST = 'La date d’entrée souhaitée ne peut pas être une date passée.';
export const ENTRY_BEFORE_BIRTH =
	'La date d’entrée souhaitée doit être postérieure à la date de naissance prévue de l’enfant.';
export const PIECE_NOT_IN_HOUSEHOLD =
	'Une pièce justificative jointe n’est pas dans vos pièces justificatives : retirez-la ou numérisez-la à nouveau.';

/** Field → French reason for what breaks the household rules (empty when none). */
export function householdProblems(
	doc: { childId?: unknown; wishedStartDate?: unknown; pieceIds?: unknown },
	facts: HouseholdFacts
): Record<string, string> {
	const problems: Record<string, string> = {};
	const child =
		typeof doc.childId === 'string' ? facts.children.find((c) => c.id === doc.childId) : undefined;
	if (typeof doc.childId === 'string' && !child) problems.childId = CHILD_NOT_DECLARED;
	if (typeof doc.wishedStartDate === 'string' && doc.wishedStartDate) {
		if (doc.wishedStartDate < facts.today) problems.wishedStartDate = ENTRY_DATE_PAST;
		else if (
			child?.toBeBorn &&
			child.expectedBirthDate &&
			doc.wishedStartDate <= child.expectedBirthDate
		)
			problems.wishedStartDate = ENTRY_BEFORE_BIRTH;
	}
	if (Array.isArray(doc.pieceIds) && doc.pieceIds.some((id) => !facts.pieceIds.includes(id)))
		problems.pieceIds = PIECE_NOT_IN_HOUSEHOLD;
	return problems;
}

/**
 * The day a submitted request's entry date is checked against: the day it was validated on the
 * device (it may reach the server later, after a time offline), never more than 31 days back
 * nor in the future; else the server's day.
 */
export function referenceDay(submittedAt: unknown, now: Date): string {
	const today = todayInParis(now);
	if (typeof submittedAt !== 'string') return today;
	const at = new Date(submittedAt);
	if (Number.isNaN(at.getTime()) || at > now || now.getTime() - at.getTime() > 31 * 86_400_000)
		return today;
	return todayInParis(at);
}

/** The children of submitted declarations (entourage documents' content). */
export function declaredChildren(entourages: readonly Record<string, unknown>[]): DeclaredChild[] {
	return entourages
		.filter((doc) => doc.state === 'submitted' && Array.isArray(doc.members))
		.flatMap((doc) => doc.members as Record<string, unknown>[])
		.filter((m) => m && m.role === 'child' && typeof m.id === 'string')
		.map((m) => ({
			id: m.id as string,
			toBeBorn: m.toBeBorn === true,
			expectedBirthDate: typeof m.expectedBirthDate === 'string' ? m.expectedBirthDate : undefined,
			birthDate: typeof m.birthDate === 'string' ? m.birthDate : undefined
		}));
}
