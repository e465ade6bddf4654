// One error shape for the whole API: {"error":{"code","message","fields"?}} with French messages.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { fieldErrors } from '../../src/lib/domain/validation';

export interface ApiErrorBody {
	error: { code: string; message: string; fields?: Record<string, string> };
}

export class ApiError extends Error {
	constructor(
		public status: ContentfulStatusCode,
		public code: string,
		message: string,
		public fields?: Record<string, string>,
		public headers?: Record<string, string>
	) {
		super(message);
	}
}

export function errorBody(
	code: string,
	message: string,
	fields?: Record<string, string>
): ApiErrorBody {
	return { error: fields ? { code, message, fields } : { code, message } };
}

export function sendError(c: Context, err: ApiError) {
	if (err.headers) for (const [k, val] of Object.entries(err.headers)) c.header(k, val);
	return c.json(errorBody(err.code, err.message, err.fields), err.status);
}

/** Parses a JSON body against a schema or throws a 400 with one French message per field. */
export async function parseJson<S extends v.GenericSchema>(
	c: Context,
	schema: S
): Promise<v.InferOutput<S>> {
	let body: unknown;
	try {
		body = await c.req.json();
	} catch {
		throw new ApiError(400, 'invalid_json', 'La requête est illisible (JSON attendu).');
	}
	const result = v.safeParse(schema, body);
	if (!result.success) {
		const fields = fieldErrors(result.issues);
		const first = Object.values(fields)[0] ?? 'Certaines informations sont invalides.';
		throw new ApiError(
			400,
			'validation',
			Object.keys(fields).length > 1
				? 'Certaines informations sont invalides ou manquantes.'
				: first,
			fields
		);
	}
	return result.output;
}
