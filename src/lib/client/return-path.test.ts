import { describe, expect, it } from 'vitest';
import { afterSignIn, homeFor, safeReturnPath, signInUrl } from './return-path';

describe('coming back after sign-in', () => {
	it('goes back to the page under the role’s area, query and anchor kept', () => {
		expect(afterSignIn('parent', '/espace/identifiants')).toBe('/espace/identifiants');
		expect(afterSignIn('parent', '/espace/profil?x=1#adresse')).toBe('/espace/profil?x=1#adresse');
		expect(afterSignIn('staff', '/agent')).toBe('/agent');
	});

	it('goes to the role’s home without a page or for another area', () => {
		expect(afterSignIn('parent', null)).toBe('/espace');
		expect(afterSignIn('staff', null)).toBe('/agent');
		expect(afterSignIn('admin', '/espace/profil')).toBe('/agent');
		expect(afterSignIn('parent', '/agent')).toBe('/espace');
		expect(afterSignIn('parent', '/espacex')).toBe('/espace');
		expect(homeFor(undefined)).toBe('/espace');
	});

	it.each([
		'https://example.org/espace',
		'//example.org/espace',
		'/\\example.org/espace',
		'\\\\example.org',
		'javascript:alert(1)',
		'/espace/../../example.org',
		'/espace/%2F%2Fexample.org',
		'/espace\n/profil',
		'espace/profil',
		''
	])('never leaves the site or the area: %j', (value) => {
		const path = safeReturnPath(value, '/espace');
		if (path !== null) {
			expect(path.startsWith('/espace')).toBe(true);
			expect(new URL(path, 'http://app.test').origin).toBe('http://app.test');
		}
		expect(afterSignIn('parent', value).startsWith('/espace')).toBe(true);
	});

	it('refuses a path that leaves the area through dot segments', () => {
		expect(safeReturnPath('/espace/../demo/courriels', '/espace')).toBeNull();
	});

	it('builds the sign-in address with the page encoded', () => {
		expect(signInUrl('/espace/identifiants')).toBe('/?retour=%2Fespace%2Fidentifiants');
	});
});
