// One request as the agent works on it: its detail, the actions sent with the version read (two
// agents cannot both win: the second gets a 409 and « Recharger »), the entourage members'
// decisions. After a success the detail is read again, so the page shows the new history.
import type { AgentAction } from '$domain/request-status';
import { deskApi } from './api';
import type { ActionInput, DeclaredMember, RequestDetail } from './types';

export interface ActionFields {
	comment?: string;
	message?: string;
	reason?: string;
}

export type ActionOutcome =
	| { ok: true; status: string }
	| { ok: false; message: string; stale: boolean; fields?: Record<string, string> };

/** What the desk asks for before sending an action (the API checks it again). */
export function missingField(action: AgentAction, fields: ActionFields): string | null {
	if (action === 'ask-pieces' && !fields.message?.trim())
		return 'Dites à la famille quelles pièces manquent.';
	if (action === 'refuse' && !fields.reason?.trim()) return 'Le motif du refus est obligatoire.';
	return null;
}

/** Only the fields the action takes, trimmed, empty ones left out. */
export function actionBody(
	action: AgentAction,
	fields: ActionFields,
	version: number
): ActionInput {
	const text = (value: string | undefined) => value?.trim() || undefined;
	const body: ActionInput = { action, version };
	const comment = text(fields.comment);
	const message = action === 'ask-pieces' ? text(fields.message) : undefined;
	const reason = action === 'refuse' || action === 'close' ? text(fields.reason) : undefined;
	if (comment) body.comment = comment;
	if (message) body.message = message;
	if (reason) body.reason = reason;
	return body;
}

export class RequestFile {
	detail = $state<RequestDetail | null>(null);
	error = $state<string | null>(null);
	/** 404: no such request. */
	missing = $state(false);
	loading = $state(false);

	constructor(readonly number: number) {}

	async load(): Promise<void> {
		this.loading = true;
		const result = await deskApi.request(this.number);
		this.loading = false;
		if (result.ok) {
			this.detail = result.data;
			this.error = null;
			this.missing = false;
		} else {
			this.error = result.error.message;
			this.missing = result.status === 404;
		}
	}

	async act(action: AgentAction, fields: ActionFields): Promise<ActionOutcome> {
		if (!this.detail) return { ok: false, message: 'La demande n’est pas chargée.', stale: true };
		const missing = missingField(action, fields);
		if (missing) return { ok: false, message: missing, stale: false };
		const result = await deskApi.act(this.number, actionBody(action, fields, this.detail.version));
		if (!result.ok) {
			return {
				ok: false,
				message: result.error.message,
				stale: result.status === 409,
				fields: result.error.fields
			};
		}
		await this.load();
		return { ok: true, status: result.data.status };
	}

	async decideMember(
		member: DeclaredMember,
		decision: 'validated' | 'refused',
		reason?: string
	): Promise<string | null> {
		const result = await deskApi.decideMember(this.number, member.id, decision, reason);
		if (!result.ok) return result.error.message;
		// The members API answers the household's members exactly as the detail shows them.
		if (this.detail) this.detail.family.members = result.data.members;
		return null;
	}
}
