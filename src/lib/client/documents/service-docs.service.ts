// What the service writes into the household database (`svc:` documents, read-only here): the
// status of each request (`svc:status:<doc id>`) and messages to the family (`svc:message:…`).
// Only documents that match the shared schemas (src/lib/domain/service-documents.ts) are shown.
// Whether a message was read is device-side: a `_local` document, never replicated, erased with
// the household's database at sign-out.
import * as v from 'valibot';
import {
	MESSAGE_ID_PREFIX,
	MessageDoc,
	STATUS_ID_PREFIX,
	StatusDoc,
	statusDocId,
	type MessageDocument,
	type StatusDocument
} from '../../domain/service-documents';
import { syncManager } from '$sync/sync-manager.svelte';
import { createDocumentStore, type DbSource, type StoredDoc } from './store';

export type RequestStatusDoc = StatusDocument & { _id: string };
export type ServiceMessage = MessageDocument & { _id: string; read: boolean };

const READ_DOC = '_local/ef-messages-read';

function valid<T>(
	schema: v.GenericSchema<unknown, T>,
	doc: StoredDoc | null
): (T & { _id: string }) | null {
	if (!doc) return null;
	const r = v.safeParse(schema, doc);
	return r.success ? { ...r.output, _id: doc._id } : null;
}

export function createServiceDocsService(source: DbSource) {
	const store = createDocumentStore(source);

	async function statuses(): Promise<RequestStatusDoc[]> {
		const docs = await store.list(STATUS_ID_PREFIX);
		return docs.flatMap((d) => valid(StatusDoc, d) ?? []);
	}

	async function readIds(): Promise<string[]> {
		return ((await store.get(READ_DOC))?.ids as string[] | undefined) ?? [];
	}

	async function messages(): Promise<ServiceMessage[]> {
		const [docs, read] = await Promise.all([store.list(MESSAGE_ID_PREFIX), readIds()]);
		return docs
			.flatMap((d) => valid(MessageDoc, d) ?? [])
			.map((m) => ({ ...m, read: read.includes(m._id) }))
			.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
	}

	return {
		/** The status of the request `subjectId` became; null until the server numbered it. */
		status: async (subjectId: string): Promise<RequestStatusDoc | null> =>
			valid(StatusDoc, await store.get(statusDocId(subjectId))),
		statuses,
		watchStatuses: (listener: (docs: RequestStatusDoc[]) => void) =>
			store.watch(STATUS_ID_PREFIX, statuses, listener),
		/** Messages, newest first, each with its device-side read state. */
		messages,
		watchMessages: (listener: (docs: ServiceMessage[]) => void) =>
			store.watch(MESSAGE_ID_PREFIX, messages, listener),
		async markRead(messageId: string): Promise<void> {
			await store.update(READ_DOC, (current) => {
				const ids = (current?.ids as string[] | undefined) ?? [];
				return ids.includes(messageId) ? current : { _id: READ_DOC, ids: [...ids, messageId] };
			});
			store.touch(MESSAGE_ID_PREFIX);
		}
	};
}

export type ServiceDocsService = ReturnType<typeof createServiceDocsService>;

export const serviceDocs = createServiceDocsService(() => syncManager.db());
