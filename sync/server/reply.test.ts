// The family answers « Pièces demandées » from its device (issue 9 item 4), with the real PouchDB
// client: a submitted `reply` moves the request to « Pièces reçues », records the desk's event and
// rewrites svc:status, once (S-PROJ-6); a reply the service does not wait for, or naming another
// household's request or piece, is refused alone with its French reason (S-VAL-7); a submitted
// reply is locked like a submitted request (S-OWN-3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PouchDoc, ReplicationInfo } from 'pouchdb-core';
import { randomUUID } from 'node:crypto';
import { REQUEST_STATUS } from '../../src/lib/domain/request-status';
import { statusDocId } from '../../src/lib/domain/service-documents';
import { PIECE_NOT_IN_HOUSEHOLD } from '../../src/lib/domain/preinscription-rules';
import {
	createHarness,
	declareTestChild,
	listen,
	type Harness,
	type RunningServer
} from './test-harness';
import { writeHouseholdDocs } from './service-writes';
import { syncHostFor } from '../../server/sync-host';
import { REPLY_NOT_WAITING, REPLY_REQUEST_UNKNOWN } from './projectors/reply';
const REPLY_LOCKED =
	'Ces pièces ont déjà été transmises au service : votre réponse ne peut plus être modifiée.';
import { fakeFile, pieceWithPages, submittedPreinscription } from '../test/factories';
import { localDb, Pouch, remoteDb } from '../test/pouch';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

const ASKED = 'Il manque votre justificatif de domicile de moins de trois mois.';

function household() {
	const { token, dbName, user } = h.signIn('parent');
	const householdId = user.householdId!;
	declareTestChild(h.deps.db, householdId);
	const remote = remoteDb(`${server.url}/sync/${dbName}`, token);
	const device = localDb();
	const push = async (docs: PouchDoc[] = []) => {
		if (docs.length) await device.bulkDocs(docs);
		const denied: { id: string; reason?: string }[] = [];
		const rep = Pouch.replicate(device, remote);
		rep.on('denied', (e: ReplicationInfo) => {
			const x = e as unknown as { id: string; reason?: string; message?: string };
			denied.push({ id: x.id, reason: x.reason ?? x.message });
		});
		await rep;
		return denied;
	};
	const pull = () => Pouch.replicate(remote, device);
	return { householdId, remote, device, push, pull };
}

type Household = ReturnType<typeof household>;

const requestRow = (docId: string) =>
	h.deps.db
		.prepare('SELECT id, number, status, version FROM requests WHERE doc_id = ?')
		.get(docId) as { id: string; number: number; status: string; version: number };

const events = (requestId: string) =>
	h.deps.db
		.prepare(
			'SELECT action, status, actor_id, actor_name, comment FROM request_events WHERE request_id = ? ORDER BY id'
		)
		.all(requestId);

/** The service asks for pieces: SQL row and svc:status, as the desk's action does. */
function askPieces(hh: Household, docId: string) {
	const row = requestRow(docId);
	h.deps.db
		.prepare("UPDATE requests SET status = 'Pièces demandées', version = version + 1 WHERE id = ?")
		.run(row.id);
	const at = new Date().toISOString();
	const [res] = writeHouseholdDocs(syncHostFor(h.deps), hh.householdId, [
		{
			_id: statusDocId(docId),
			type: 'status',
			subjectId: docId,
			subjectType: 'preinscription',
			requestNumber: row.number,
			status: REQUEST_STATUS.piecesRequested,
			piecesRequested: ASKED,
			history: [
				{ status: REQUEST_STATUS.submitted, at },
				{ status: REQUEST_STATUS.piecesRequested, at, by: 'Agnès Instructrice', message: ASKED }
			]
		}
	]);
	expect(res).toMatchObject({ ok: true });
}

function reply(requestId: string, pieceIds: string[], extra: Record<string, unknown> = {}) {
	return {
		_id: `reply:${randomUUID()}`,
		type: 'reply',
		state: 'submitted',
		requestId,
		pieceIds,
		comment: 'Voici le justificatif.',
		submittedAt: new Date().toISOString(),
		...extra
	};
}

async function numberedRequest(hh: Household) {
	const request = submittedPreinscription();
	expect(await hh.push([request])).toEqual([]);
	return request;
}

describe('reply to « Pièces demandées »', () => {
	it('S-PROJ-6 the family sends the pieces: « Pièces reçues », the desk event, svc:status; once', async () => {
		const hh = household();
		const request = await numberedRequest(hh);
		askPieces(hh, request._id);
		await hh.pull();
		const before = requestRow(request._id);

		const piece = pieceWithPages([fakeFile('jpeg', 1024)], 'jpeg', { state: 'submitted' });
		const answer = reply(request._id, [piece._id]);
		expect(await hh.push([piece, answer])).toEqual([]);

		const after = requestRow(request._id);
		expect(after.status).toBe(REQUEST_STATUS.piecesReceived);
		expect(after.version).toBe(before.version + 1);
		expect(events(after.id)).toEqual([
			expect.objectContaining({ action: 'submit' }),
			{
				action: 'pieces-sent',
				status: REQUEST_STATUS.piecesReceived,
				actor_id: null,
				actor_name: 'Famille',
				comment: 'Voici le justificatif.'
			}
		]);
		await hh.pull();
		const status = (await hh.device.get(statusDocId(request._id))) as unknown as {
			status: string;
			piecesRequested?: string;
			history: Record<string, unknown>[];
		};
		expect(status.status).toBe(REQUEST_STATUS.piecesReceived);
		expect(status.piecesRequested).toBeUndefined();
		expect(status.history.at(-2)).toMatchObject({ message: ASKED, by: 'Agnès Instructrice' });
		expect(status.history.at(-1)).toMatchObject({
			status: REQUEST_STATUS.piecesReceived,
			by: 'Vous',
			comment: 'Voici le justificatif.'
		});

		// Replays from another device change nothing (S-WRITE-3, S-PROJ-3).
		for (let i = 0; i < 2; i++) {
			const again = localDb();
			await Pouch.replicate(hh.remote, again);
			await Pouch.replicate(again, hh.remote);
		}
		expect(events(after.id)).toHaveLength(2);
		expect(requestRow(request._id).version).toBe(after.version);
		const replies = h.deps.db
			.prepare('SELECT doc_id, piece_ids FROM request_replies WHERE request_id = ?')
			.all(after.id);
		expect(replies).toEqual([{ doc_id: answer._id, piece_ids: JSON.stringify([piece._id]) }]);
	});

	it('S-PROJ-6 asked again after a first answer: a second reply is accepted, the history keeps both', async () => {
		const hh = household();
		const request = await numberedRequest(hh);
		for (const round of [1, 2]) {
			askPieces(hh, request._id);
			const piece = pieceWithPages([fakeFile('jpeg', 1024)], 'jpeg', { state: 'submitted' });
			const answer = reply(request._id, [piece._id], { comment: `Envoi ${round}` });
			expect(await hh.push([piece, answer])).toEqual([]);
			expect(requestRow(request._id).status).toBe(REQUEST_STATUS.piecesReceived);
		}
		const row = requestRow(request._id);
		expect(events(row.id).map((e) => (e as { comment: string | null }).comment)).toEqual([
			null,
			'Envoi 1',
			'Envoi 2'
		]);
	});

	it('S-VAL-7 a reply the service does not wait for is refused with its reason; nothing changes', async () => {
		const hh = household();
		const request = await numberedRequest(hh);
		const piece = pieceWithPages([fakeFile('jpeg', 1024)], 'jpeg', { state: 'submitted' });
		const answer = reply(request._id, [piece._id]);
		expect(await hh.push([piece, answer])).toEqual([{ id: answer._id, reason: REPLY_NOT_WAITING }]);
		const row = requestRow(request._id);
		expect(row.status).toBe(REQUEST_STATUS.submitted);
		expect(events(row.id)).toHaveLength(1);
		expect(await hh.remote.get(answer._id).catch((e: { status: number }) => e.status)).toBe(404);
	});

	it('S-VAL-7 a reply to another household’s request, or with its piece, is refused', async () => {
		const other = household();
		const theirs = await numberedRequest(other);
		askPieces(other, theirs._id);
		const theirPiece = pieceWithPages([fakeFile('jpeg', 1024)], 'jpeg', { state: 'submitted' });
		expect(await other.push([theirPiece])).toEqual([]);

		const hh = household();
		const ours = await numberedRequest(hh);
		askPieces(hh, ours._id);
		const piece = pieceWithPages([fakeFile('jpeg', 1024)], 'jpeg', { state: 'submitted' });
		const intruding = reply(theirs._id, [piece._id]);
		const stolen = reply(ours._id, [theirPiece._id]);
		expect(await hh.push([piece, intruding, stolen])).toEqual([
			{ id: intruding._id, reason: REPLY_REQUEST_UNKNOWN },
			{ id: stolen._id, reason: PIECE_NOT_IN_HOUSEHOLD }
		]);
		expect(requestRow(theirs._id).status).toBe(REQUEST_STATUS.piecesRequested);
		expect(requestRow(ours._id).status).toBe(REQUEST_STATUS.piecesRequested);
	});

	it('S-OWN-3 a sent reply is locked: an edit is refused and the device keeps what was sent', async () => {
		const hh = household();
		const request = await numberedRequest(hh);
		askPieces(hh, request._id);
		const piece = pieceWithPages([fakeFile('jpeg', 1024)], 'jpeg', { state: 'submitted' });
		const answer = reply(request._id, [piece._id]);
		expect(await hh.push([piece, answer])).toEqual([]);
		const sent = await hh.device.get(answer._id);
		await hh.device.put({ ...sent, comment: 'Changé après coup' });
		expect(await hh.push()).toEqual([{ id: answer._id, reason: REPLY_LOCKED }]);
		await hh.pull();
		expect(((await hh.device.get(answer._id)) as unknown as { comment: string }).comment).toBe(
			'Voici le justificatif.'
		);
	});
});
