// Cross-check with the reference implementation: the same workload replicated into pouchdb-server
// and into ours must leave the same documents, revision trees, winners and conflicts
// (S-PROTO-2, S-CONF-1, S-CONF-2, S-ATT-1). Skipped when pouchdb-server is not installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, PouchDoc } from 'pouchdb-core';
import { createHarness, listen, type Harness, type RunningServer } from './test-harness';
import { referenceBin, startReference, type ReferenceServer } from '../test/reference-server';
import { localDb, Pouch, remoteDb } from '../test/pouch';
import { draftPreinscription, fakeFile, pieceWithPages } from '../test/factories';

const available = referenceBin() !== null;
let h: Harness;
let ours: RunningServer;
let ref: ReferenceServer | null = null;

beforeAll(async () => {
	h = createHarness();
	ours = await listen(h.app);
	if (available) ref = await startReference({ inMemory: true });
}, 60_000);
afterAll(async () => {
	await ours.close();
	await ref?.stop();
});

const clone = <T>(x: T): T => structuredClone(x);

/** Two devices editing offline, deleting, attaching and syncing through `remote`. */
async function scenario(remote: () => Database, docs: PouchDoc[]) {
	const a = localDb();
	const b = localDb();
	await a.bulkDocs(clone(docs));
	await Pouch.replicate(a, remote(), { batch_size: 7 });
	await Pouch.replicate(remote(), b);
	const [d0, d1, d2, d3] = docs as [PouchDoc, PouchDoc, PouchDoc, PouchDoc];
	await a.put({ ...(await a.get(d0._id)), observations: 'édité sur A' });
	await b.put({ ...(await b.get(d0._id)), observations: 'édité sur B' });
	await a.remove(await a.get(d1._id));
	await a.put({ ...(await a.get(d3._id)), observations: 'A' });
	await b.put({ ...(await b.get(d3._id)), observations: 'B' });
	for (const text of ['B1', 'B2', 'B3'])
		await b.put({ ...(await b.get(d2._id)), observations: text });
	await b.remove(await b.get(d0._id, { rev: (await b.get(d0._id))._rev }));
	await Pouch.replicate(a, remote());
	await Pouch.replicate(b, remote());
	await Pouch.replicate(remote(), a);
	await Pouch.replicate(remote(), b);
}

/** Every document with every leaf, its history, and attachment stubs, in a comparable form. */
async function dump(url: string, headers: Record<string, string>) {
	const changes = await (await fetch(`${url}/_changes?style=all_docs`, { headers })).json();
	const out: Record<string, unknown> = {};
	for (const c of changes.results as { id: string; deleted?: boolean }[]) {
		const q = `open_revs=all&revs=true`;
		const leaves = (await (
			await fetch(`${url}/${encodeURIComponent(c.id)}?${q}`, {
				headers: { ...headers, accept: 'application/json' }
			})
		).json()) as { ok: PouchDoc }[];
		const winner = c.deleted
			? null
			: await (
					await fetch(`${url}/${encodeURIComponent(c.id)}?conflicts=true`, { headers })
				).json();
		out[c.id] = {
			deleted: !!c.deleted,
			winner: winner?._rev ?? null,
			conflicts: winner?._conflicts ?? [],
			leaves: leaves
				.map((l) => {
					const { _attachments, ...rest } = l.ok;
					const atts = Object.fromEntries(
						Object.entries(_attachments ?? {}).map(([k, v]) => [
							k,
							{ content_type: v.content_type, digest: v.digest, length: v.length }
						])
					);
					return { ...rest, _attachments: atts };
				})
				.sort((x, y) => String(x._rev).localeCompare(String(y._rev)))
		};
	}
	return out;
}

describe.skipIf(!available)('cross-check with pouchdb-server', () => {
	it(
		'S-PROTO-2 S-CONF-1 S-CONF-2 S-ATT-1 same docs, revs, winners and conflicts as the reference',
		{ timeout: 60_000 },
		async () => {
			const docs = [
				...Array.from({ length: 20 }, (_, i) => draftPreinscription({ observations: `doc ${i}` })),
				pieceWithPages([fakeFile('jpeg', 20_000), fakeFile('jpeg', 5_000)]),
				pieceWithPages([fakeFile('pdf', 8_000)], 'pdf')
			];
			const { token, dbName } = h.signIn('parent');
			const oursUrl = `${ours.url}/sync/${dbName}`;
			const refUrl = `${ref!.url}/crosscheck`;
			await scenario(() => remoteDb(oursUrl, token), docs);
			await scenario(() => remoteDb(refUrl), docs);
			const mine = await dump(oursUrl, { 'x-test-session': token });
			const theirs = await dump(refUrl, {});
			expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
			expect(mine).toEqual(theirs);
			const withConflicts = Object.values(mine).filter(
				(d) => (d as { conflicts: unknown[] }).conflicts.length > 0
			);
			const withDeletedBranch = Object.values(mine).filter((d) =>
				(d as { leaves: { _deleted?: boolean }[] }).leaves.some((l) => l._deleted)
			);
			expect(withConflicts).toHaveLength(1);
			expect(withDeletedBranch).toHaveLength(2);
		}
	);
});
