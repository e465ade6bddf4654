// Errors and progress of one form: client-side valibot checks and the API's field errors,
// in one place the fields and the error summary read from.
import { onMount } from 'svelte';
import * as v from 'valibot';
import { fieldErrors } from '$domain/validation';
import type { ApiFailure } from './api';
import { formatWait } from './format';

export const SUMMARY_TITLE = 'Le formulaire contient des erreurs :';

/** The id of the input that edits a dot path ("address.postalCode" → "f-address-postalCode"). */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

export class FormState {
	errors = $state<Record<string, string>>({});
	/** A message about the whole form (API refusal, network failure). */
	message = $state<string | null>(null);
	pending = $state(false);
	/** Bumped on every failed submit so the summary takes the focus again. */
	attempts = $state(0);
	/** False in prerendered HTML until the page is interactive: submit buttons wait for it,
	 *  so a form never falls back to a native GET that would put fields in the URL. */
	ready = $state(false);

	/** Create during component initialisation (it registers an onMount). */
	constructor() {
		onMount(() => {
			this.ready = true;
		});
	}

	get busy() {
		return this.pending || !this.ready;
	}

	get hasErrors() {
		return this.message !== null || Object.keys(this.errors).length > 0;
	}

	error(path: string): string | undefined {
		return this.errors[path];
	}

	/** Validates `input`; returns the schema output, or null after recording the errors. */
	check<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> | null {
		const result = v.safeParse(schema, input);
		if (result.success) {
			this.clear();
			return result.output;
		}
		this.errors = fieldErrors(result.issues);
		this.message = null;
		this.attempts++;
		return null;
	}

	/** Shows an API refusal: field errors next to their fields, otherwise the message. */
	fail(failure: ApiFailure) {
		const fields = failure.error.fields ?? {};
		this.errors = fields;
		let message = Object.keys(fields).length > 0 ? null : failure.error.message;
		// The wait comes from Retry-After, unless the API's message already says it.
		if (
			failure.status === 429 &&
			failure.retryAfter !== undefined &&
			!/réessayez dans/i.test(failure.error.message)
		)
			message = `${failure.error.message} Réessayez dans ${formatWait(failure.retryAfter)}.`;
		this.message = message;
		this.attempts++;
	}

	clear() {
		this.errors = {};
		this.message = null;
	}

	/** Runs `work` with `pending` set, ignoring double submits. */
	async run(work: () => Promise<void>) {
		if (this.pending) return;
		this.pending = true;
		try {
			await work();
		} finally {
			this.pending = false;
		}
	}
}
