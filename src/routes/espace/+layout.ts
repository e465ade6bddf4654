// The family area runs in the browser only and needs a parent's session: without one, to the
// sign-in (home) page with a message and the page to come back to; staff go to their own page.
import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { NETWORK_ERROR } from '$lib/client/api';
import { flash } from '$lib/client/flash.svelte';
import { homeFor, signInUrl } from '$lib/client/return-path';
import { session } from '$lib/client/session.svelte';

export const ssr = false;
export const prerender = false;

export async function load({ url }) {
	await session.ensure();
	if (!session.signedIn) {
		if (session.unreachable) flash.set(NETWORK_ERROR, 'error');
		else flash.set('Connectez-vous pour accéder à votre espace.', 'info');
		redirect(307, signInUrl(`${url.pathname}${url.search}`));
	}
	const home = homeFor(session.user?.role);
	if (home !== '/espace') redirect(307, resolve(home));
}
