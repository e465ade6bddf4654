// CouchDB-shaped errors ({"error","reason"}) so PouchDB maps them to its own error names.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A refusal of one document in a bulk write; the rest of the request goes on. */
export class DocRefused extends Error {
	constructor(
		public error: string,
		public reason: string,
		public status: ContentfulStatusCode = 403
	) {
		super(reason);
	}
}

export function couchError(
	c: Context,
	status: ContentfulStatusCode,
	error: string,
	reason: string
) {
	return c.json({ error, reason }, status);
}

export const notFound = (c: Context, reason = 'missing') => couchError(c, 404, 'not_found', reason);
