// The staff area: a staff (or admin) session (see requireArea).
import { requireArea } from '$lib/client/area-guard';

export const ssr = false;
export const prerender = false;

export const load = ({ url }) => requireArea(url, '/agent');
