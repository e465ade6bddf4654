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

/**
 * An integer query parameter within [min, max], `fallback` when absent; anything else is a 400 with
 * a French reason (S-LIM-6) — never NaN, a negative LIMIT (no row cap in SQLite) or a 500.
 */
export function intParam(
	c: Context,
	name: string,
	{ min, max, fallback }: { min: number; max: number; fallback: number }
): number {
	const raw = c.req.query(name);
	if (raw === undefined || raw === '') return fallback;
	const n = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(n) || n < min)
		throw new DocRefused(
			'bad_request',
			`Le paramètre ${name} doit être un nombre entier supérieur ou égal à ${min}.`,
			400
		);
	return Math.min(n, max);
}

/** A JSON query parameter (open_revs, doc_ids…), or a 400 naming it. */
export function jsonParam(c: Context, name: string): unknown {
	try {
		return JSON.parse(c.req.query(name) ?? '');
	} catch {
		throw new DocRefused('bad_request', `Le paramètre ${name} n’est pas du JSON valide.`, 400);
	}
}
