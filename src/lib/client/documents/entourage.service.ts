// Household declarations (déclarations d'entourage) on the device: drafts, submission, list, watch.
import type { Entourage } from '../../domain/documents';
import { syncManager } from '$sync/sync-manager.svelte';
import { createParentDocumentService, type ParentDocumentOptions } from './parent-document';
import type { DbSource, StoredDoc } from './store';

export type EntourageDocument = StoredDoc & Partial<Entourage>;

export const createEntourageService = (source: DbSource, options?: ParentDocumentOptions) =>
	createParentDocumentService<EntourageDocument>('entourage', source, options);

export const entourages = createEntourageService(() => syncManager.db(), {
	refusal: (id) => syncManager.denied.find((d) => d.id === id)?.reason ?? null
});
