// svc: documents as the device reads them: only valid ones, messages with a device-side read state.
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceDocsService } from './service-docs.service';
import { memoryDb } from './test-db';

const subjectId = 'preinscription:0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const statusDoc = {
	_id: `svc:status:${subjectId}`,
	type: 'status',
	subjectId,
	subjectType: 'preinscription',
	requestNumber: 36,
	status: 'Déposée',
	history: [{ status: 'Déposée', at: '2021-11-04T09:13:00.000Z' }]
};
const message = (n: number, sentAt: string) => ({
	_id: `svc:message:m${n}`,
	type: 'message',
	title: `Message ${n}`,
	body: 'Bonjour',
	sentAt
});

let stops: (() => void)[] = [];
afterEach(() => {
	stops.forEach((s) => s());
	stops = [];
});
const tick = () => new Promise((r) => setTimeout(r, 20));
async function until(check: () => boolean) {
	for (let i = 0; i < 100 && !check(); i++) await tick();
	expect(check()).toBe(true);
}

describe('service documents on the device', () => {
	it('gives the status of a request once the server wrote it, and ignores a malformed one', async () => {
		const { db, source } = memoryDb();
		const svc = createServiceDocsService(source);
		expect(await svc.status(subjectId)).toBeNull();
		await db.put(statusDoc);
		expect(await svc.status(subjectId)).toMatchObject({ requestNumber: 36, status: 'Déposée' });
		const other = 'entourage:1b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
		await db.put({
			...statusDoc,
			_id: `svc:status:${other}`,
			subjectId: other,
			requestNumber: 'x'
		});
		expect((await svc.statuses()).map((s) => s.requestNumber)).toEqual([36]);
	});

	it('watchStatuses sees a status arriving in the local database', async () => {
		const { db, source } = memoryDb();
		const svc = createServiceDocsService(source);
		let numbers: number[] = [];
		stops.push(svc.watchStatuses((docs) => (numbers = docs.map((d) => d.requestNumber))));
		await tick();
		await db.put(statusDoc);
		await until(() => numbers[0] === 36);
	});

	it('lists messages newest first; reading one is remembered on the device and seen by watchers', async () => {
		const { db, source } = memoryDb();
		const svc = createServiceDocsService(source);
		await db.put(message(1, '2026-10-01T08:00:00.000Z'));
		await db.put(message(2, '2026-11-01T08:00:00.000Z'));
		await db.put({ ...message(3, '2026-11-02T08:00:00.000Z'), title: '' });
		let seen: { id: string; read: boolean }[] = [];
		stops.push(
			svc.watchMessages((docs) => (seen = docs.map((d) => ({ id: d._id, read: d.read }))))
		);
		await until(() => seen.length === 2);
		expect(seen).toEqual([
			{ id: 'svc:message:m2', read: false },
			{ id: 'svc:message:m1', read: false }
		]);
		await svc.markRead('svc:message:m1');
		await svc.markRead('svc:message:m1');
		await until(() => seen[1]?.read === true);
		expect((await svc.messages()).map((m) => m.read)).toEqual([false, true]);
		// Device-side: a _local document, absent from the changes feed replication pushes from.
		const { results } = await db.changes({ since: 0 });
		expect(results.map((r) => r.id)).not.toContain('_local/ef-messages-read');
	});
});
