// How guessable a password is, judged by zxcvbn-ts with its common and French dictionaries (a
// kept library instead of our own list): the refusal rule shared by the server and the forms.
// zxcvbn itself is in password-strength-checker.ts, which the forms load lazily.

/** zxcvbn's 0–4 scale; 3 = "safely unguessable" against an online attack and a slow hash. */
export const MIN_SCORE = 3;
/** Only the first characters are analysed: the cost grows fast with length, not the strength. */
export const ANALYSED_LENGTH = 64;

export interface Strength {
	score: number;
	/** zxcvbn's feedback, already in French. */
	warning: string | null;
	suggestions: string[];
}

export const SCORE_LABELS = ['Très faible', 'Faible', 'Moyen', 'Fort', 'Très fort'] as const;

/** The French reason a password is refused, or null when its score is enough. */
export function strengthRefusal(s: Strength): string | null {
	if (s.score >= MIN_SCORE) return null;
	return [
		'Ce mot de passe est trop facile à deviner.',
		s.warning,
		...s.suggestions.slice(0, 2),
		s.suggestions.length
			? null
			: 'Allongez-le, par exemple avec plusieurs mots sans lien entre eux.'
	]
		.filter(Boolean)
		.join(' ');
}

export const PERSONAL_WORD_WARNING =
	'Il reprend vos données personnelles (nom, prénom, identifiant ou courriel).';

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** Whether a word of at least 4 letters from the person's own inputs (an e-mail's domain left
 * aside) appears in the password. */
export function containsPersonalWord(password: string, userInputs: string[]): boolean {
	const folded = fold(password);
	return userInputs
		.flatMap((input) => fold(String(input).replace(/@.*$/, '')).split(/[^\p{L}\p{Nd}]+/u))
		.some((word) => word.length >= 4 && folded.includes(word));
}

/**
 * zxcvbn scores a name among other words as strong ("Alice-Testeuse-1"): a password that
 * contains the person's own name, username or e-mail stays weak whatever surrounds it.
 */
export function withPersonalWords(s: Strength, password: string, userInputs: string[]): Strength {
	if (!containsPersonalWord(password, userInputs)) return s;
	return { ...s, score: Math.min(s.score, MIN_SCORE - 1), warning: PERSONAL_WORD_WARNING };
}
