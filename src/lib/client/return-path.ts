// Where to go after signing in: back to the page that sent the parent to sign in (a same-site
// path passed as ?retour=…, never another site), or else the home of the account's role.
import type { MeUser } from './types';

export const RETURN_PARAM = 'retour';

const HOMES = { parent: '/espace', staff: '/agent', admin: '/agent' } as const;
type Home = (typeof HOMES)[keyof typeof HOMES];

/** The signed-in home of a role: the family dashboard, or the staff landing page. */
export function homeFor(role: MeUser['role'] | undefined): Home {
	return role ? HOMES[role] : '/espace';
}

/**
 * `value` as a path on this site under `area` ("/espace"), or null: absolute URLs,
 * protocol-relative ("//host") and backslash tricks ("/\host") are refused.
 */
export function safeReturnPath(value: string | null | undefined, area: Home): string | null {
	if (!value || value.length > 512 || !value.startsWith('/')) return null;
	if (value.startsWith('//') || /[\\\s]/.test(value) || hasControlCharacter(value)) return null;
	const base = 'https://espace-famille.invalid';
	let url: URL;
	try {
		url = new URL(value, base);
	} catch {
		return null;
	}
	if (url.origin !== base) return null;
	if (url.pathname !== area && !url.pathname.startsWith(`${area}/`)) return null;
	return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(value: string): boolean {
	return [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
}

/** After sign-in: the requested page when it belongs to this role's area, else its home. */
export function afterSignIn(role: MeUser['role'] | undefined, requested: string | null): string {
	const home = homeFor(role);
	return safeReturnPath(requested, home) ?? home;
}

/** The sign-in page (home) with the page to come back to. */
export function signInUrl(from: string): string {
	return `/?${RETURN_PARAM}=${encodeURIComponent(from)}`;
}
