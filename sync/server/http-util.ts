// Small request helpers shared by the sync routes.
import type { Context } from 'hono';
import { DocRefused } from './errors';

export function flag(c: Context, name: string): boolean {
	return c.req.query(name) === 'true';
}

/** Parses the JSON body or throws a 400 the route turns into {"error":"bad_request"}. */
export async function jsonBody(c: Context): Promise<unknown> {
	try {
		return await c.req.json();
	} catch {
		throw new DocRefused('bad_request', 'La requête est illisible (JSON attendu).', 400);
	}
}

export function isRecord(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}
