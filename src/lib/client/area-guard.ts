// The signed-in areas (/espace for families, /agent for staff) run in the browser only: without a
// session, to the sign-in (home) page with a message and the page to come back to; a signed-in
// account of the other role goes to its own home.
import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { NETWORK_ERROR } from './api';
import { flash } from './flash.svelte';
import { homeFor, signInUrl } from './return-path';
import { session } from './session.svelte';

export async function requireArea(url: URL, area: '/espace' | '/agent'): Promise<void> {
	await session.ensure();
	if (!session.signedIn) {
		if (session.unreachable) flash.set(NETWORK_ERROR, 'error');
		else flash.set('Connectez-vous pour accéder à votre espace.', 'info');
		redirect(307, signInUrl(`${url.pathname}${url.search}`));
	}
	const home = homeFor(session.user?.role);
	if (home !== area) redirect(307, resolve(home));
}
