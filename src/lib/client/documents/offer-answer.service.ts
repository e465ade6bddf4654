// The family's answers to a place offered (`offer-answer:<uuid>`) and its confirmations before a
// commission session (`confirmation:<uuid>`), on the device: written and submitted at once from
// the request page (offline too); sync carries them to the service, which may refuse them with a
// French reason (late answer, session closed…).
import type { Confirmation, OfferAnswerDocument } from '../../domain/documents';
import { syncManager } from '$sync/sync-manager.svelte';
import { createParentDocumentService } from './parent-document';
import type { StoredDoc } from './store';

export type OfferAnswerDoc = StoredDoc & Partial<OfferAnswerDocument>;
export type ConfirmationDocument = StoredDoc & Partial<Confirmation>;

const refusal = (id: string) => syncManager.denied.find((d) => d.id === id)?.reason ?? null;

export const offerAnswers = createParentDocumentService<OfferAnswerDoc>(
	'offer-answer',
	() => syncManager.db(),
	{ refusal }
);

export const confirmations = createParentDocumentService<ConfirmationDocument>(
	'confirmation',
	() => syncManager.db(),
	{ refusal }
);

/** Writes a new document of the service's type with `fields` and submits it on the device. */
export async function submitNew(
	service: typeof offerAnswers | typeof confirmations,
	fields: Record<string, unknown>
): Promise<string> {
	const id = service.newId();
	await service.saveDraft(id, fields);
	await service.submit(id);
	return id;
}
