// Crèche pre-registrations (préinscriptions) on the device: drafts, submission, list, watch.
import type { Preinscription } from '../../domain/documents';
import { syncManager } from '../../../../sync/client/sync-manager.svelte';
import { createParentDocumentService } from './parent-document';
import type { DbSource, StoredDoc } from './store';

export type PreinscriptionDocument = StoredDoc & Partial<Preinscription>;

export const createPreinscriptionService = (source: DbSource) =>
	createParentDocumentService<PreinscriptionDocument>('preinscription', source);

export const preinscriptions = createPreinscriptionService(() => syncManager.db());
