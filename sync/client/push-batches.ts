// Byte-aware push: PouchDB's replicator sends a batch of documents in one `_bulk_docs`, pages of
// pieces inline (base64). Ten pieces of several ~1 MB pages would make one request of tens of
// MB, beyond what the server accepts (S-ATT-2, S-LIM-4). This fetch wrapper splits any
// `_bulk_docs` body larger than `maxBytes` into consecutive requests of at most `maxBytes` (a
// single larger document goes alone) and answers the replicator with the concatenated results,
// so its checkpoint still follows the whole batch. It reports the upload as it goes.
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** What is left to upload of the push in progress. */
export interface UploadProgress {
	docs: number;
	bytes: number;
}

/** Document JSON per request: well under the server's body cap (16 MB, S-LIM-4). */
export const MAX_PUSH_REQUEST_BYTES = 6 * 1024 * 1024;
/** Documents per request, whatever their size (the server takes 1 000). */
export const MAX_PUSH_REQUEST_DOCS = 100;

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).length;

/**
 * Consecutive groups of `docs` (their JSON given) with at most `maxBytes` of JSON and `maxDocs`
 * documents each; a document larger than `maxBytes` alone in its group. Order is kept.
 */
export function splitByBytes(
	sizes: number[],
	maxBytes: number,
	maxDocs = MAX_PUSH_REQUEST_DOCS
): [start: number, end: number][] {
	const groups: [number, number][] = [];
	let start = 0;
	let bytes = 0;
	sizes.forEach((size, i) => {
		if (i > start && (bytes + size > maxBytes || i - start >= maxDocs)) {
			groups.push([start, i]);
			start = i;
			bytes = 0;
		}
		bytes += size;
	});
	if (sizes.length > start) groups.push([start, sizes.length]);
	return groups;
}

const isBulkDocs = (url: string, init?: RequestInit) =>
	(init?.method ?? 'GET').toUpperCase() === 'POST' &&
	new URL(url, 'http://x').pathname.endsWith('/_bulk_docs') &&
	typeof init?.body === 'string';

export function batchingFetch(
	fetch: Fetch,
	{
		maxBytes = MAX_PUSH_REQUEST_BYTES,
		onProgress = () => {}
	}: { maxBytes?: number; onProgress?: (progress: UploadProgress | null) => void } = {}
): Fetch {
	return async (url, init) => {
		if (!isBulkDocs(url, init)) return fetch(url, init);
		const body = init!.body as string;
		const { docs, ...rest } = JSON.parse(body) as { docs?: unknown[] };
		if (!Array.isArray(docs)) return fetch(url, init);
		const parts = docs.map((doc) => JSON.stringify(doc));
		const sizes = parts.map(byteLength);
		let leftDocs = docs.length;
		let leftBytes = sizes.reduce((a, b) => a + b, 0);
		const head = JSON.stringify(rest).slice(0, -1); // `{"new_edits":false` without its brace
		const results: unknown[] = [];
		try {
			for (const [start, end] of splitByBytes(sizes, maxBytes)) {
				onProgress({ docs: leftDocs, bytes: leftBytes });
				const list = parts.slice(start, end).join(',');
				const chunk = `${head}${head.length > 1 ? ',' : ''}"docs":[${list}]}`;
				const response = await fetch(url, { ...init, body: chunk });
				if (!response.ok) return response; // the replicator fails and retries: writes are idempotent
				results.push(...((await response.json()) as unknown[]));
				leftDocs -= end - start;
				for (let i = start; i < end; i++) leftBytes -= sizes[i];
			}
		} finally {
			onProgress(null);
		}
		return new Response(JSON.stringify(results), {
			status: 201,
			headers: { 'content-type': 'application/json' }
		});
	};
}
