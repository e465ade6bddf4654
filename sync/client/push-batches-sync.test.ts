// A household with many scanned pages syncs: the app's push (replicator options + byte-aware
// fetch) against the real /sync endpoint and the real PouchDB client never sends a request over
// its budget, while PouchDB's plain push of the same pieces is one request the server refuses
// (S-ATT-2, S-LIM-4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, listen, type RunningServer } from '../server/test-harness';
import { MAX_REQUEST_BYTES } from '../server/attachments';
import { fakeFile, pieceWithPages } from '../test/factories';
import { localDb, Pouch } from '../test/pouch';
import { batchingFetch, MAX_PUSH_REQUEST_BYTES, type UploadProgress } from './push-batches';
import { PUSH_OPTIONS } from './replicator';

const h = createHarness();
let server: RunningServer;
beforeAll(async () => {
	server = await listen(h.app);
});
afterAll(() => server.close());

const PAGE = 1024 * 1024;

async function householdWithPieces(count: number) {
	const { token, dbName } = h.signIn('parent');
	const device = localDb();
	const pieces = Array.from({ length: count }, () => pieceWithPages([fakeFile('jpeg', PAGE)]));
	await device.bulkDocs(pieces);
	return { token, url: `${server.url}/sync/${dbName}`, device, pieces };
}

/** Global fetch, recording the size of every request body it sends. */
function recordingFetch(sizes: number[]) {
	return (url: string, init?: RequestInit) => {
		if (typeof init?.body === 'string') sizes.push(Buffer.byteLength(init.body));
		return fetch(url, init);
	};
}

describe('push batching', () => {
	it('S-ATT-2 the server refuses one request of 30 one-megabyte pages (PouchDB’s plain push)', async () => {
		const { token, url, device } = await householdWithPieces(30);
		const remote = new Pouch(url, { headers: { 'x-test-session': token } });
		await expect(Pouch.replicate(device, remote, { batch_size: 100 })).rejects.toMatchObject({
			status: 413
		});
	});

	it(
		'S-ATT-2 S-LIM-4 30 pieces of a 1 MB page replicate with the app’s push, no request over its budget, progress reported',
		{ timeout: 60_000 },
		async () => {
			const { token, url, device, pieces } = await householdWithPieces(30);
			const sizes: number[] = [];
			const progress: (UploadProgress | null)[] = [];
			const remote = new Pouch(url, {
				headers: { 'x-test-session': token },
				fetch: batchingFetch(recordingFetch(sizes), { onProgress: (p) => progress.push(p) })
			});
			const result = await Pouch.replicate(device, remote, PUSH_OPTIONS);
			expect(result.docs_written).toBe(30);
			expect(result.doc_write_failures).toBe(0);
			expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_PUSH_REQUEST_BYTES + 64 * 1024);
			expect(MAX_PUSH_REQUEST_BYTES).toBeLessThan(MAX_REQUEST_BYTES);
			expect(progress.some((p) => p !== null && p.docs > 0 && p.bytes > PAGE)).toBe(true);
			expect(progress.at(-1)).toBeNull();

			const stored = (await remote.allDocs()).rows.map((r) => r.id).sort();
			expect(stored).toEqual(pieces.map((p) => p._id).sort());
			const page = (await remote.getAttachment(pieces[7]._id, 'page-1')) as Blob | Buffer;
			const bytes = Buffer.isBuffer(page) ? page : Buffer.from(await page.arrayBuffer());
			expect(Buffer.compare(bytes, pieces[7]._attachments!['page-1'].data as Buffer)).toBe(0);
		}
	);
});
