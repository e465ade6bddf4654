// Password policy as data (CNIL délibération 2022-100, case "with access restriction"): the
// floor is 8 characters of at least 3 of the 4 kinds. Guessable passwords are refused on top of
// it by zxcvbn-ts (password-strength.ts), on the server.

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
		`Les mots de passe trop faciles à deviner sont refusés.`
	);
}

export function countKinds(password: string): number {
	return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password))
		.length;
}

/** Returns the French reason the password breaks the floor, or null when it meets it. */
export function checkPassword(
	password: string,
	policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY
): string | null {
	if (password.length < policy.minLength || countKinds(password) < policy.minKinds)
		return describePasswordPolicy(policy).split('. ')[0] + '.';
	if (password.length > policy.maxLength)
		return `Le mot de passe ne peut pas dépasser ${policy.maxLength} caractères.`;
	return null;
}
