// Messages from the service to a family (« Mes actualités »): a `svc:message:<uuid>` document in the
// household's database, checked against the schema the app reads it with. The staff desk sends
// them; the demo seed writes a welcome message. Called inside a caller's transaction (an agent's
// action), the message commits or rolls back with it.
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { MessageDoc, messageDocId } from '../../src/lib/domain/service-documents';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { syncHostFor } from '../sync-host';
import type { AppDeps } from '../http/env';

export interface FamilyMessage {
	title: string;
	body: string;
	/** The household document the message is about, if any. */
	subjectId?: string;
}

/** Sends the message; returns its id, or the French reason it was refused. */
export function sendFamilyMessage(
	deps: AppDeps,
	householdId: string,
	message: FamilyMessage
): { ok: true; id: string } | { ok: false; reason: string } {
	const parsed = v.safeParse(MessageDoc, {
		type: 'message',
		...message,
		sentAt: new Date(deps.clock.now()).toISOString()
	});
	if (!parsed.success) return { ok: false, reason: parsed.issues[0].message };
	const id = messageDocId(randomUUID());
	const [result] = writeHouseholdDocs(syncHostFor(deps), householdId, [
		{ ...parsed.output, _id: id }
	]);
	if (!result || !('ok' in result))
		return { ok: false, reason: result?.reason ?? 'Message refusé.' };
	return { ok: true, id };
}
