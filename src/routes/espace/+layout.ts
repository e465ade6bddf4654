// The family area: a parent's session (see requireArea).
import { requireArea } from '$lib/client/area-guard';

export const ssr = false;
export const prerender = false;

export const load = ({ url }) => requireArea(url, '/espace');
