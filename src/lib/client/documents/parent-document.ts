// What the three parent document services share: drafts with client-generated ids
// (`<type>:<uuid>`), checked field by field against the draft schema of documents.ts, and a
// submission checked in full against the complete schema — the same checks as the server's
// (sync/server/ownership.ts), so what the device accepts the server accepts.
import { docId, documentProblem, type ParentDocType } from '../../domain/documents';
import { REQUEST_LOCKED } from '../../domain/request-status';
import { statusDocId } from '../../domain/service-documents';
import { documentConflicts, resolveDocumentConflict } from './conflicts';
import { createDocumentStore, DocumentError, nowIso, type DbSource, type StoredDoc } from './store';

/** The server's own words for the same refusal (S-OWN-3). */
export const ALREADY_SUBMITTED = REQUEST_LOCKED;
export const NOT_FOUND = 'Ce document n’existe pas ou plus sur cet appareil.';

/** Fields the service owns: a draft's content never sets them. */
const RESERVED = [
	'_id',
	'_rev',
	'_deleted',
	'_conflicts',
	'type',
	'state',
	'createdAt',
	'updatedAt',
	'submittedAt'
];

export interface DraftOptions {
	/** Attachments to set (`null` removes one); the others are kept. */
	attachments?: Record<string, { content_type: string; data: Blob | Uint8Array | string } | null>;
}

export interface ParentDocumentOptions {
	/**
	 * The server's French reason when it refused this document's last revision, else null
	 * (`syncManager.denied`). A submitted document the server refused has no request: the
	 * parent may correct it, and it becomes a draft again.
	 */
	refusal?: (id: string) => string | null;
}

export interface ParentDocumentService<T extends StoredDoc = StoredDoc> {
	readonly type: ParentDocType;
	/** A new id, `<type>:<uuid>`, generated on the device. */
	newId(): string;
	/**
	 * Creates the draft or merges `fields` into it (fields not given are kept), stamps
	 * `updatedAt`; throws `DocumentError` with the French reason when a field is invalid or the
	 * document was already submitted.
	 */
	saveDraft(id: string, fields: Record<string, unknown>, options?: DraftOptions): Promise<T>;
	/** Checks the whole document and marks it submitted (once; a second call changes nothing). */
	submit(id: string): Promise<T>;
	get(id: string): Promise<T | null>;
	/** Every document of this type, most recently changed first. */
	list(): Promise<T[]>;
	/** `list()` now and after every local change of this type; returns the unsubscribe function. */
	watch(listener: (docs: T[]) => void): () => void;
	/** Deletes a draft (a submitted document stays: it is a request of the service). */
	discardDraft(id: string): Promise<void>;
	/**
	 * The versions two devices wrote while offline: the winning one first, then each conflicting
	 * leaf (each with its `_rev`); null when the document has no conflict.
	 */
	conflicts(id: string): Promise<T[] | null>;
	/**
	 * Keeps the version `keepRev` (its content becomes the document) and removes every other
	 * version, so every device converges on it after sync. A request the service already has
	 * keeps its submitted version (S-OWN-3): choosing another throws `ALREADY_SUBMITTED`.
	 */
	resolveConflict(id: string, keepRev: string): Promise<T>;
}

const hasPages = (doc: StoredDoc) => Object.keys(doc._attachments ?? {}).length > 0;

function check(type: ParentDocType, doc: StoredDoc): void {
	const problem = documentProblem(type, doc, hasPages(doc));
	if (problem) throw new DocumentError(problem, 'invalid');
}

export function createParentDocumentService<T extends StoredDoc = StoredDoc>(
	type: ParentDocType,
	source: DbSource,
	{ refusal = () => null }: ParentDocumentOptions = {}
): ParentDocumentService<T> {
	const store = createDocumentStore(source);
	/** Submitted and not reopenable: the server has it, or it is on its way. */
	const locked = async (doc: StoredDoc | null) =>
		doc?.state === 'submitted' &&
		(refusal(doc._id) === null || (await store.get(statusDocId(doc._id))) !== null);
	const prefix = `${type}:`;
	const ownId = (id: string) => {
		if (!id.startsWith(prefix)) throw new DocumentError(NOT_FOUND, 'not-found');
	};

	async function saveDraft(
		id: string,
		fields: Record<string, unknown>,
		options: DraftOptions = {}
	) {
		ownId(id);
		const content = Object.fromEntries(
			Object.entries(fields).filter(([key]) => !RESERVED.includes(key) && key !== '_attachments')
		);
		const reopenable = !(await locked(await store.get(id)));
		return (await store.update(id, (current) => {
			if (current?.state === 'submitted' && !reopenable)
				throw new DocumentError(ALREADY_SUBMITTED, 'submitted');
			const at = nowIso();
			const attachments = { ...current?._attachments };
			for (const [name, att] of Object.entries(options.attachments ?? {})) {
				if (att) attachments[name] = att;
				else delete attachments[name];
			}
			const next: StoredDoc = {
				...current,
				...content,
				_id: id,
				type,
				state: 'draft',
				createdAt: (current?.createdAt as string | undefined) ?? at,
				updatedAt: at
			};
			if (Object.keys(attachments).length > 0) next._attachments = attachments;
			else delete next._attachments;
			check(type, next);
			return next;
		})) as T;
	}

	async function submit(id: string) {
		ownId(id);
		return (await store.update(id, (current) => {
			if (!current) throw new DocumentError(NOT_FOUND, 'not-found');
			if (current.state === 'submitted') return current;
			const at = nowIso();
			const next: StoredDoc = { ...current, state: 'submitted', submittedAt: at, updatedAt: at };
			check(type, next);
			return next;
		})) as T;
	}

	async function list() {
		const docs = await store.list(prefix);
		return docs.sort((a, b) =>
			String(b.updatedAt ?? '').localeCompare(String(a.updatedAt ?? ''))
		) as T[];
	}

	async function discardDraft(id: string) {
		ownId(id);
		if (await locked(await store.get(id))) throw new DocumentError(ALREADY_SUBMITTED, 'submitted');
		await store.remove(id);
	}

	async function conflicts(id: string) {
		if (!id.startsWith(prefix)) return null;
		return (await documentConflicts(source, id)) as T[] | null;
	}

	async function resolveConflict(id: string, keepRev: string) {
		ownId(id);
		const resolved = await resolveDocumentConflict(source, id, keepRev, async (kept, winner) => {
			if (kept.state !== 'submitted' && (await locked(winner)))
				throw new DocumentError(ALREADY_SUBMITTED, 'submitted');
		});
		return resolved as T;
	}

	return {
		type,
		newId: () => docId(type, crypto.randomUUID()),
		saveDraft,
		submit,
		get: async (id) => (id.startsWith(prefix) ? ((await store.get(id)) as T | null) : null),
		list,
		watch: (listener) => store.watch(prefix, list, listener),
		discardDraft,
		conflicts,
		resolveConflict
	};
}
