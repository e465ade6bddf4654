// The household file (issue 9 item 5): an agent validates or refuses each declared member of an
// entourage declaration; the decision reaches the family's device through svc:status, the
// validated member becomes a row of the household file, and each decision is audited.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PouchDoc } from 'pouchdb-core';
import { statusDocId } from '../../src/lib/domain/service-documents';
import { listen, type RunningServer } from '../../sync/server/test-harness';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { syncHostFor } from '../sync-host';
import { localDb, Pouch } from '../../sync/test/pouch';
import { submittedPreinscription } from '../../sync/test/factories';
import { createHarness, signedInParent, signedInStaff, type Harness } from '../test/harness';
import {
	MEMBER_NOT_FOUND,
	NOT_AN_ENTOURAGE,
	REFUSAL_REASON_REQUIRED,
	REQUEST_CLOSED,
	REQUEST_NOT_FOUND
} from './members';

let h: Harness;
let server: RunningServer;
beforeAll(async () => {
	h = createHarness();
	server = await listen(h.app);
});
afterAll(() => server.close());

const deps = () => ({ db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} });

const CHILD = randomUUID();
const CONTACT = randomUUID();

function declaration(): PouchDoc {
	return {
		_id: `entourage:${randomUUID()}`,
		type: 'entourage',
		state: 'submitted',
		members: [
			{
				id: CHILD,
				role: 'child',
				lastName: 'Exemple',
				firstNames: 'Léa',
				birthDate: '2025-03-14'
			},
			{
				id: CONTACT,
				role: 'contact',
				lastName: 'Exemple',
				firstNames: 'Mamie',
				phone: '06 12 34 56 78',
				relationship: 'Grand-mère'
			}
		]
	};
}

/** A parent whose declaration (and optionally a preinscription) the service has numbered. */
async function familyWithDeclaration() {
	const parent = await signedInParent(h);
	const me = await (await h.call('GET', '/api/me', undefined, parent.jar)).json();
	const householdId = me.household.id as string;
	const doc = declaration();
	const [res] = writeHouseholdDocs(syncHostFor(deps()), householdId, [doc], 'parent');
	expect(res).toMatchObject({ ok: true });
	const { number } = h.db.prepare('SELECT number FROM requests WHERE doc_id = ?').get(doc._id) as {
		number: number;
	};
	return { parent, me, householdId, doc, number };
}

const decide = (
	number: number,
	memberId: string,
	body: unknown,
	jar?: Parameters<Harness['call']>[3]
) => h.call('POST', `/api/agent/requests/${number}/members/${memberId}`, body, jar);

describe('POST /api/agent/requests/{number}/members/{memberId}', () => {
	it('anonymous → 401, a parent → 403', async () => {
		const { number, parent } = await familyWithDeclaration();
		expect((await decide(number, CHILD, { decision: 'validated' })).status).toBe(401);
		const res = await decide(number, CHILD, { decision: 'validated' }, parent.jar);
		expect(res.status).toBe(403);
		expect(h.db.prepare('SELECT COUNT(*) AS n FROM member_decisions').get()).toEqual({ n: 0 });
	});

	it('validates a child: the household file, the audit log, and the family’s device sees « validated »', async () => {
		const { number, householdId, me, parent, doc } = await familyWithDeclaration();
		const agent = await signedInStaff(h, 'staff', {
			firstNames: 'Agnès',
			lastName: 'Instructrice'
		});
		const res = await decide(number, CHILD, { decision: 'validated' }, agent.jar);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.members).toEqual([
			expect.objectContaining({
				id: CHILD,
				role: 'child',
				firstNames: 'Léa',
				decision: 'validated'
			}),
			expect.objectContaining({ id: CONTACT, role: 'contact', decision: 'pending' })
		]);
		expect(
			h.db
				.prepare(
					'SELECT member_id, role, first_names, birth_date, source_doc_id, decided_by FROM household_members WHERE household_id = ?'
				)
				.all(householdId)
		).toEqual([
			{
				member_id: CHILD,
				role: 'child',
				first_names: 'Léa',
				birth_date: '2025-03-14',
				source_doc_id: doc._id,
				decided_by: agent.id
			}
		]);
		const audit = h.db
			.prepare(
				"SELECT actor_id, household_id, detail FROM audit_log WHERE action = 'member.decision'"
			)
			.all() as { actor_id: string; household_id: string; detail: string }[];
		expect(audit.at(-1)).toMatchObject({ actor_id: agent.id, household_id: householdId });
		expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({
			number,
			memberId: CHILD,
			decision: 'validated'
		});

		// The family's device pulls the decision with the request's status.
		const refused = await decide(
			number,
			CONTACT,
			{ decision: 'refused', reason: 'Téléphone injoignable.' },
			agent.jar
		);
		expect(refused.status).toBe(200);
		const device = localDb();
		const remote = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`, {
			headers: { cookie: parent.jar.header() }
		});
		await Pouch.replicate(remote, device);
		const status = (await device.get(statusDocId(doc._id))) as unknown as {
			status: string;
			members: Record<string, unknown>;
		};
		expect(status.status).toBe('Déposée');
		expect(status.members).toEqual({
			[CHILD]: { decision: 'validated' },
			[CONTACT]: { decision: 'refused', reason: 'Téléphone injoignable.' }
		});
		// Refused after all: the child leaves the household file.
		await decide(
			number,
			CHILD,
			{ decision: 'refused', reason: 'Acte de naissance illisible.' },
			agent.jar
		);
		expect(
			h.db
				.prepare('SELECT COUNT(*) AS n FROM household_members WHERE household_id = ?')
				.get(householdId)
		).toEqual({ n: 0 });
	});

	it('the detail read after a refusal gives the reason, and the decision’s answer is the detail’s members as is', async () => {
		const { number } = await familyWithDeclaration();
		const agent = await signedInStaff(h, 'staff', {
			firstNames: 'Agnès',
			lastName: 'Instructrice'
		});
		const res = await decide(
			number,
			CONTACT,
			{ decision: 'refused', reason: 'Téléphone injoignable.' },
			agent.jar
		);
		expect(res.status).toBe(200);
		const { members } = await res.json();
		// The agent's page is reloaded: the refused member still shows its reason.
		const detail = await (
			await h.call('GET', `/api/agent/requests/${number}`, undefined, agent.jar)
		).json();
		const contact = detail.family.members.find((m: { id: string }) => m.id === CONTACT);
		expect(contact).toMatchObject({
			decision: 'refused',
			reason: 'Téléphone injoignable.',
			decidedBy: 'Agnès Instructrice',
			decidedAt: new Date(h.clock.now()).toISOString()
		});
		expect(contact.rows).toEqual(
			expect.arrayContaining([expect.objectContaining({ value: 'Grand-mère' })])
		);
		expect(detail.family.members.find((m: { id: string }) => m.id === CHILD)).toMatchObject({
			decision: 'pending',
			reason: null,
			decidedBy: null,
			decidedAt: null
		});
		// One shape: the members API answers exactly what the detail shows.
		expect(members).toEqual(detail.family.members);
	});

	it('404 for an unknown request or member, 409 for a pre-registration or a closed request, 400 without a refusal reason', async () => {
		const { number, householdId } = await familyWithDeclaration();
		const agent = await signedInStaff(h);
		const unknownRequest = await decide(99_999, CHILD, { decision: 'validated' }, agent.jar);
		expect(unknownRequest.status).toBe(404);
		expect((await unknownRequest.json()).error.message).toBe(REQUEST_NOT_FOUND);
		const unknownMember = await decide(number, randomUUID(), { decision: 'validated' }, agent.jar);
		expect(unknownMember.status).toBe(404);
		expect((await unknownMember.json()).error.message).toBe(MEMBER_NOT_FOUND);
		const noReason = await decide(number, CHILD, { decision: 'refused' }, agent.jar);
		expect(noReason.status).toBe(400);
		expect((await noReason.json()).error.message).toBe(REFUSAL_REASON_REQUIRED);

		const pre = submittedPreinscription({ childId: CHILD });
		const [res] = writeHouseholdDocs(syncHostFor(deps()), householdId, [pre], 'parent');
		expect(res).toMatchObject({ ok: true });
		const { number: preNumber } = h.db
			.prepare('SELECT number FROM requests WHERE doc_id = ?')
			.get(pre._id) as { number: number };
		const notEntourage = await decide(preNumber, CHILD, { decision: 'validated' }, agent.jar);
		expect(notEntourage.status).toBe(409);
		expect((await notEntourage.json()).error.message).toBe(NOT_AN_ENTOURAGE);

		h.db.prepare("UPDATE requests SET status = 'Classée sans suite' WHERE number = ?").run(number);
		const closed = await decide(number, CHILD, { decision: 'validated' }, agent.jar);
		expect(closed.status).toBe(409);
		expect((await closed.json()).error.message).toBe(REQUEST_CLOSED('Classée sans suite'));
		expect(
			h.db
				.prepare(
					'SELECT COUNT(*) AS n FROM member_decisions m JOIN requests r ON r.id = m.request_id WHERE r.household_id = ?'
				)
				.get(householdId)
		).toEqual({ n: 0 });
	});
});
