// The family's answers to « Pièces demandées » on the device (`reply:<uuid>`): a draft while the
// parent picks the pieces, submitted with ENVOYER LES PIÈCES; sync carries it to the service.
import type { Reply } from '../../domain/documents';
import { syncManager } from '$sync/sync-manager.svelte';
import { createParentDocumentService, type ParentDocumentOptions } from './parent-document';
import type { DbSource, StoredDoc } from './store';

export type ReplyDocument = StoredDoc & Partial<Reply>;

export const createReplyService = (source: DbSource, options?: ParentDocumentOptions) =>
	createParentDocumentService<ReplyDocument>('reply', source, options);

export const replies = createReplyService(() => syncManager.db(), {
	refusal: (id) => syncManager.denied.find((d) => d.id === id)?.reason ?? null
});
