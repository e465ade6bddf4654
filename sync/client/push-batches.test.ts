import { describe, expect, it } from 'vitest';
import { batchingFetch, splitByBytes, type UploadProgress } from './push-batches';

describe('splitByBytes', () => {
	it('groups consecutive documents up to the byte budget, a larger one alone', () => {
		expect(splitByBytes([4, 4, 4, 12, 1, 1], 10)).toEqual([
			[0, 2],
			[2, 3],
			[3, 4],
			[4, 6]
		]);
	});
	it('also caps the number of documents per group', () => {
		expect(splitByBytes([1, 1, 1, 1, 1], 100, 2)).toEqual([
			[0, 2],
			[2, 4],
			[4, 5]
		]);
	});
	it('makes no group for no document', () => {
		expect(splitByBytes([], 10)).toEqual([]);
	});
});

describe('batchingFetch', () => {
	const doc = (i: number) => ({ _id: `piece:${i}`, _rev: `1-${i}`, data: 'x'.repeat(100) });

	it('splits a large _bulk_docs into requests within the budget and concatenates their answers', async () => {
		const bodies: string[] = [];
		const progress: (UploadProgress | null)[] = [];
		const fetch = batchingFetch(
			async (_url, init) => {
				bodies.push(init!.body as string);
				const { docs } = JSON.parse(init!.body as string) as { docs: { _id: string }[] };
				return new Response(JSON.stringify(docs.map((d) => ({ ok: true, id: d._id }))), {
					status: 201
				});
			},
			{ maxBytes: 300, onProgress: (p) => progress.push(p) }
		);
		const docs = Array.from({ length: 5 }, (_, i) => doc(i));
		const response = await fetch('http://127.0.0.1/sync/hh-1/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs, new_edits: false })
		});
		expect(bodies.length).toBe(3);
		for (const body of bodies) {
			expect(body.length).toBeLessThanOrEqual(330);
			expect(JSON.parse(body)).toMatchObject({ new_edits: false });
		}
		expect(bodies.flatMap((b) => JSON.parse(b).docs)).toEqual(docs);
		expect(((await response.json()) as { id: string }[]).map((r) => r.id)).toEqual(
			docs.map((d) => d._id)
		);
		expect(progress[0]).toMatchObject({ docs: 5 });
		expect(progress.at(-1)).toBeNull();
	});

	it('passes other requests through untouched', async () => {
		let seen: RequestInit | undefined;
		const fetch = batchingFetch(async (_url, init) => {
			seen = init;
			return new Response('{}');
		});
		const init = { method: 'POST', body: '{"keys":[]}' };
		await fetch('http://127.0.0.1/sync/hh-1/_all_docs', init);
		expect(seen).toBe(init);
	});
});
