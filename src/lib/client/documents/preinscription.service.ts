// Crèche pre-registrations (préinscriptions) on the device: drafts, submission, list, watch.
import type { Preinscription } from '../../domain/documents';
import { syncManager } from '$sync/sync-manager.svelte';
import { createParentDocumentService, type ParentDocumentOptions } from './parent-document';
import type { DbSource, StoredDoc } from './store';

export type PreinscriptionDocument = StoredDoc & Partial<Preinscription>;

export const createPreinscriptionService = (source: DbSource, options?: ParentDocumentOptions) =>
	createParentDocumentService<PreinscriptionDocument>('preinscription', source, options);

export const preinscriptions = createPreinscriptionService(() => syncManager.db(), {
	refusal: (id) => syncManager.denied.find((d) => d.id === id)?.reason ?? null
});
