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

export interface LocalDb {
	name: string;
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
