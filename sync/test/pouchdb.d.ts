// Minimal types for the PouchDB client used by the conformance tests and the bench (Node build).
declare module 'pouchdb-core' {
	export interface PouchDoc {
		_id: string;
		_rev?: string;
		_deleted?: boolean;
		_attachments?: Record<
			string,
			{
				content_type: string;
				data?: Buffer | string;
				digest?: string;
				stub?: boolean;
				length?: number;
			}
		>;
		_conflicts?: string[];
		_revisions?: { start: number; ids: string[] };
		[key: string]: unknown;
	}
	export interface WriteResult {
		ok?: boolean;
		id: string;
		rev: string;
		error?: string;
		reason?: string;
		name?: string;
	}
	export interface ReplicationInfo {
		ok?: boolean;
		docs_read?: number;
		docs_written?: number;
		doc_write_failures?: number;
		last_seq?: number | string;
		status?: string;
		direction?: 'push' | 'pull';
		change?: ReplicationInfo;
		id?: string;
		name?: string;
		reason?: string;
		message?: string;
		status_code?: number;
	}
	export interface Replication extends Promise<ReplicationInfo> {
		on(
			event: 'change' | 'complete' | 'paused' | 'active' | 'denied' | 'error' | 'checkpoint',
			cb: (info: ReplicationInfo) => void
		): this;
		cancel(): void;
	}
	export interface AllDocsRow {
		id: string;
		value: { rev: string; deleted?: boolean };
		doc?: PouchDoc;
	}
	export interface Database {
		name: string;
		put(doc: PouchDoc): Promise<WriteResult>;
		get(
			id: string,
			opts: { open_revs: 'all' | string[] } & Record<string, unknown>
		): Promise<{ ok?: PouchDoc; missing?: string }[]>;
		get(id: string, opts?: Record<string, unknown>): Promise<PouchDoc>;
		bulkDocs(docs: PouchDoc[], opts?: { new_edits?: boolean }): Promise<WriteResult[]>;
		allDocs(opts?: Record<string, unknown>): Promise<{ total_rows: number; rows: AllDocsRow[] }>;
		remove(doc: PouchDoc): Promise<WriteResult>;
		getAttachment(id: string, name: string, opts?: { rev?: string }): Promise<Buffer>;
		info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
		changes(
			opts: Record<string, unknown>
		): Promise<{ results: { id: string; seq: number | string }[]; last_seq: number | string }>;
		destroy(): Promise<unknown>;
		close(): Promise<void>;
		replicate: {
			to(target: Database | string, opts?: Record<string, unknown>): Replication;
			from(source: Database | string, opts?: Record<string, unknown>): Replication;
		};
		sync(other: Database | string, opts?: Record<string, unknown>): Replication;
	}
	export interface PouchStatic {
		new (name: string, opts?: Record<string, unknown>): Database;
		plugin(plugin: unknown): PouchStatic;
		replicate(
			source: Database | string,
			target: Database | string,
			opts?: Record<string, unknown>
		): Replication;
	}
	const PouchDB: PouchStatic;
	export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
	const plugin: unknown;
	export default plugin;
}
declare module 'pouchdb-adapter-http' {
	const plugin: unknown;
	export default plugin;
}
declare module 'pouchdb-replication' {
	const plugin: unknown;
	export default plugin;
}
