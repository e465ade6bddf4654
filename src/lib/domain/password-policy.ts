// Password policy as data (CNIL délibération 2022-100, case "with access restriction"):
// the default asks 8 characters of at least 3 of the 4 kinds and refuses very common passwords.
import { COMMON_PASSWORD_WORDS } from './common-passwords';

export interface PasswordPolicy {
	minLength: number;
	/** How many of the four kinds (lowercase, uppercase, digit, special) must appear. */
	minKinds: number;
	maxLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
	minLength: 8,
	minKinds: 3,
	maxLength: 128
};

/** The rule shown under the password field, as the guide does. */
export function describePasswordPolicy(policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string {
	return (
		`Le mot de passe doit contenir au minimum ${policy.minLength} caractères dont au moins ` +
		`${policy.minKinds} des 4 types suivants : minuscule, majuscule, chiffre, caractère spécial. ` +
		`Les mots de passe trop courants sont refusés.`
	);
}

export function countKinds(password: string): number {
	return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password))
		.length;
}

const LEET: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'@': 'a',
	$: 's',
	'!': 'i'
};

/** The password reduced to its word: lower-cased, leetspeak undone, digits and symbols around it dropped. */
function baseWord(password: string): string {
	const lowered = password.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
	const core = lowered.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
	return [...core].map((c) => LEET[c] ?? c).join('');
}

export function isCommonPassword(password: string, personalWords: string[] = []): boolean {
	const base = baseWord(password);
	if (base.length < 3) return true; // digits and symbols around (almost) nothing: "12345678A!"
	if (COMMON_PASSWORD_WORDS.has(base)) return true;
	if (/^(.)\1+$/.test(base)) return true;
	const lowered = password.toLowerCase();
	return personalWords
		.map((w) => w.trim().toLowerCase())
		.filter((w) => w.length >= 4)
		.some((w) => lowered.includes(w) || base === w);
}

/** Returns the French reason the password is refused, or null when it is acceptable. */
export function checkPassword(
	password: string,
	personalWords: string[] = [],
	policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY
): string | null {
	if (password.length < policy.minLength || countKinds(password) < policy.minKinds)
		return describePasswordPolicy(policy).split('. ')[0] + '.';
	if (password.length > policy.maxLength)
		return `Le mot de passe ne peut pas dépasser ${policy.maxLength} caractères.`;
	if (isCommonPassword(password, personalWords))
		return 'Ce mot de passe est trop courant ou trop proche de vos informations personnelles : choisissez-en un autre.';
	return null;
}
