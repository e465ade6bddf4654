// The slice of PouchDB's API the sync controller uses. The project carries no @types/pouchdb,
// and a narrow interface keeps the controller testable against fakes.

export interface ChangesFeed {
	on(
		event: 'change',
		listener: (change: { id: string; seq: number; changes: { rev: string }[] }) => void
	): ChangesFeed;
	on(event: 'error', listener: (error: unknown) => void): ChangesFeed;
	cancel(): void;
}

export interface ReplicationEmitter {
	on(event: string, listener: (payload?: unknown) => void): ReplicationEmitter;
	cancel(): void;
}

/** A stored document as PouchDB returns it (attachments as stubs unless asked otherwise). */
export interface StoredDoc {
	_id: string;
	_rev?: string;
	_deleted?: boolean;
	_attachments?: Record<string, AttachmentInput | AttachmentStub>;
	[key: string]: unknown;
}

export interface AttachmentInput {
	content_type: string;
	data: Blob | Uint8Array | string;
}

export interface AttachmentStub {
	content_type: string;
	stub: true;
	digest?: string;
	length?: number;
}

export interface LocalDb {
	name: string;
	get(
		id: string,
		options?: { attachments?: boolean; binary?: boolean; conflicts?: boolean; rev?: string }
	): Promise<StoredDoc>;
	put(doc: StoredDoc): Promise<{ ok: boolean; id: string; rev: string }>;
	remove(doc: StoredDoc): Promise<{ ok: boolean; id: string; rev: string }>;
	bulkDocs(
		docs: StoredDoc[]
	): Promise<({ ok: boolean; id: string; rev: string } | { error: string; id: string })[]>;
	allDocs(options: {
		include_docs: true;
		startkey?: string;
		endkey?: string;
		keys?: string[];
	}): Promise<{ rows: { id: string; doc?: StoredDoc }[] }>;
	getAttachment(id: string, name: string): Promise<Blob | Uint8Array>;
	info(): Promise<{ update_seq: number | string; doc_count: number }>;
	changes(options: {
		since: number | string;
		live: true;
		return_docs?: false;
		style?: 'main_only' | 'all_docs';
	}): ChangesFeed;
	changes(options: {
		since: number | string;
		style?: 'main_only' | 'all_docs';
		return_docs?: boolean;
	}): Promise<{
		results: { id: string; seq: number; changes: { rev: string }[] }[];
		last_seq: number;
	}>;
	destroy(): Promise<unknown>;
	close(): Promise<unknown>;
	replicate: {
		to(target: unknown, options: Record<string, unknown>): ReplicationEmitter;
		from(source: unknown, options: Record<string, unknown>): ReplicationEmitter;
	};
}

export interface PouchConstructor {
	new (name: string, options?: Record<string, unknown>): LocalDb;
	fetch: (url: string, init?: RequestInit) => Promise<Response>;
}
