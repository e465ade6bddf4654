// The signed-in area runs in the browser only and needs a session; without one, back to
// the home page with a message.
import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { NETWORK_ERROR } from '$lib/client/api';
import { flash } from '$lib/client/flash.svelte';
import { session } from '$lib/client/session.svelte';

export const ssr = false;
export const prerender = false;

export async function load() {
	await session.ensure();
	if (!session.signedIn) {
		if (session.unreachable) flash.set(NETWORK_ERROR, 'error');
		else flash.set('Connectez-vous pour accéder à votre espace.', 'info');
		redirect(307, resolve('/'));
	}
}
