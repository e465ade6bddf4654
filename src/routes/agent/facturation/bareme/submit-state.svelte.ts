// The state of one admin form on « Barème »: busy, the API's message and its field errors.
import type { ApiResult } from '$lib/client/api';

export class SubmitState {
	busy = $state(false);
	error = $state<string | null>(null);
	fields = $state<Record<string, string>>({});

	/** Sends; true when saved, else shows the French refusal (message and fields). */
	async send(call: () => Promise<ApiResult<unknown>>): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		const result = await call();
		this.busy = false;
		if (!result.ok) {
			this.fields = result.error.fields ?? {};
			this.error = result.error.message;
			return false;
		}
		this.fields = {};
		this.error = null;
		return true;
	}
}
