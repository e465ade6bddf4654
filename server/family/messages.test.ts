// Messages from the service to a family: written as `svc:message` documents the app reads, or
// refused with a French reason and nothing written.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../test/harness';
import { createHousehold } from '../seed/seed';
import { sendFamilyMessage } from './messages';

function setup() {
	const h = createHarness();
	const householdId = createHousehold(h.db);
	const deps = { db: h.db, config: h.config, clock: h.clock, kickOutbox: () => {} };
	const svcDocs = () =>
		h.db
			.prepare("SELECT doc_id FROM sync_docs WHERE db = ? AND doc_id LIKE 'svc:message:%'")
			.all(`hh-${householdId}`) as { doc_id: string }[];
	return { h, householdId, deps, svcDocs };
}

describe('messages to a family', () => {
	it('writes a dated svc:message in the household’s database', () => {
		const { deps, householdId, svcDocs, h } = setup();
		const sent = sendFamilyMessage(deps, householdId, {
			title: 'Commission de mars',
			body: 'Votre demande sera étudiée le 12 mars.'
		});
		expect(sent.ok).toBe(true);
		expect(svcDocs().map((d) => d.doc_id)).toEqual([sent.ok ? sent.id : '']);
		const rev = h.db
			.prepare('SELECT body FROM sync_revs WHERE db = ? AND doc_id = ?')
			.get(`hh-${householdId}`, sent.ok ? sent.id : '') as { body: string };
		expect(JSON.parse(rev.body)).toMatchObject({
			type: 'message',
			title: 'Commission de mars',
			sentAt: new Date(h.clock.now()).toISOString()
		});
	});

	it('refuses an empty title in French and writes nothing', () => {
		const { deps, householdId, svcDocs } = setup();
		expect(sendFamilyMessage(deps, householdId, { title: '  ', body: 'Texte' })).toEqual({
			ok: false,
			reason: 'Le titre du message est obligatoire.'
		});
		expect(svcDocs()).toEqual([]);
	});
});
