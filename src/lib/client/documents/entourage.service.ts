// Household declarations (déclarations d'entourage) on the device: drafts, submission, list, watch.
import type { Entourage } from '../../domain/documents';
import { syncManager } from '../../../../sync/client/sync-manager.svelte';
import { createParentDocumentService } from './parent-document';
import type { DbSource, StoredDoc } from './store';

export type EntourageDocument = StoredDoc & Partial<Entourage>;

export const createEntourageService = (source: DbSource) =>
	createParentDocumentService<EntourageDocument>('entourage', source);

export const entourages = createEntourageService(() => syncManager.db());
