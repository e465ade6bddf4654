// The parent document services against a real PouchDB: drafts, submission, list, watch.
import { afterEach, describe, expect, it } from 'vitest';
import { createPreinscriptionService } from './preinscription.service';
import { createEntourageService } from './entourage.service';
import { ALREADY_SUBMITTED } from './parent-document';
import { DocumentError } from './store';
import { memoryDb } from './test-db';

const child = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const complete = {
	childId: child,
	wishedStartDate: '2027-09-01',
	choices: ['cocon-de-soie', 'grain-d-aile', 'fleur-de-pyrus'],
	questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
};

let stops: (() => void)[] = [];
afterEach(() => {
	stops.forEach((s) => s());
	stops = [];
});

function setup() {
	const { db, source } = memoryDb();
	return { db, preinscriptions: createPreinscriptionService(source) };
}

async function refusal(p: Promise<unknown>): Promise<string> {
	const error = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DocumentError);
	return (error as DocumentError).message;
}

const nextTick = () => new Promise((r) => setTimeout(r, 20));
async function until(check: () => boolean) {
	for (let i = 0; i < 100 && !check(); i++) await nextTick();
	expect(check()).toBe(true);
}

describe('parent document services', () => {
	it('creates a draft under a device-generated <type>:<uuid> id and keeps earlier fields on update', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		expect(id).toMatch(/^preinscription:[0-9a-f-]{36}$/);
		const first = await preinscriptions.saveDraft(id, { childId: child });
		expect(first).toMatchObject({
			_id: id,
			type: 'preinscription',
			state: 'draft',
			childId: child
		});
		const second = await preinscriptions.saveDraft(id, { observations: 'Halte-garderie aussi' });
		expect(second).toMatchObject({ childId: child, observations: 'Halte-garderie aussi' });
		expect(second.createdAt).toBe(first.createdAt);
		expect(await preinscriptions.get(id)).toMatchObject({ childId: child, _rev: second._rev });
	});

	it('refuses an invalid field with the French reason and keeps the stored draft as it was', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, { choices: ['cocon-de-soie'] });
		expect(
			await refusal(preinscriptions.saveDraft(id, { choices: ['cocon-de-soie', 'cocon-de-soie'] }))
		).toBe('Une même structure ne peut pas être choisie deux fois.');
		expect((await preinscriptions.get(id))?.choices).toEqual(['cocon-de-soie']);
	});

	it('a draft cannot set the state, type or id itself', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		const doc = await preinscriptions.saveDraft(id, {
			...complete,
			state: 'submitted',
			type: 'entourage',
			_id: 'preinscription:other'
		});
		expect(doc).toMatchObject({ _id: id, type: 'preinscription', state: 'draft' });
	});

	it('submission checks the whole document: an incomplete one stays a draft, with the missing field named', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, { childId: child, choices: ['cocon-de-soie'] });
		expect(await refusal(preinscriptions.submit(id))).toBe(
			'Le champ « Date d’entrée souhaitée » est obligatoire.'
		);
		expect((await preinscriptions.get(id))?.state).toBe('draft');
	});

	it('a complete document is submitted once, then can be neither edited nor discarded', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, complete);
		const submitted = await preinscriptions.submit(id);
		expect(submitted).toMatchObject({ state: 'submitted', submittedAt: expect.any(String) });
		expect((await preinscriptions.submit(id))._rev).toBe(submitted._rev);
		expect(await refusal(preinscriptions.saveDraft(id, { observations: 'trop tard' }))).toBe(
			ALREADY_SUBMITTED
		);
		expect(await refusal(preinscriptions.discardDraft(id))).toBe(ALREADY_SUBMITTED);
		expect(await preinscriptions.get(id)).toMatchObject({ state: 'submitted' });
	});

	it('a submitted document the server refused can be corrected and submitted again', async () => {
		const { source } = memoryDb();
		const refused = new Map<string, string>();
		const preinscriptions = createPreinscriptionService(source, {
			refusal: (id) => refused.get(id) ?? null
		});
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, complete);
		await preinscriptions.submit(id);
		refused.set(id, 'La structure « fleur-de-pyrus » n’accepte plus de demandes.');
		const fixed = await preinscriptions.saveDraft(id, { choices: ['cocon-de-soie'] });
		expect(fixed).toMatchObject({ state: 'draft', choices: ['cocon-de-soie'] });
		expect((await preinscriptions.submit(id)).state).toBe('submitted');
	});

	it('a refused edit of a request the service already numbered stays locked', async () => {
		const { db, source } = memoryDb();
		const preinscriptions = createPreinscriptionService(source, {
			refusal: () =>
				'Cette demande a déjà été transmise au service : elle ne peut plus être modifiée.'
		});
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, complete);
		await preinscriptions.submit(id);
		await db.put({
			_id: `svc:status:${id}`,
			type: 'status',
			subjectId: id,
			subjectType: 'preinscription',
			requestNumber: 7,
			status: 'Déposée',
			history: [{ status: 'Déposée', at: '2026-11-26T10:00:00.000Z' }]
		});
		expect(await refusal(preinscriptions.saveDraft(id, { observations: 'x' }))).toBe(
			ALREADY_SUBMITTED
		);
	});

	it('an entourage declaration needs at least one member to be submitted', async () => {
		const { source } = memoryDb();
		const entourages = createEntourageService(source);
		const id = entourages.newId();
		await entourages.saveDraft(id, { members: [] });
		expect(await refusal(entourages.submit(id))).toBe('Déclarez au moins un membre.');
		await entourages.saveDraft(id, {
			members: [
				{
					id: child,
					role: 'child',
					lastName: 'Exemple',
					firstNames: 'Léa',
					birthDate: '2026-03-14'
				}
			]
		});
		expect((await entourages.submit(id)).state).toBe('submitted');
	});

	it('a draft may be discarded', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, { childId: child });
		await preinscriptions.discardDraft(id);
		expect(await preinscriptions.get(id)).toBeNull();
		expect(await preinscriptions.list()).toEqual([]);
	});

	it('lists only its own type, most recently changed first', async () => {
		const { db, preinscriptions } = setup();
		const entourages = createEntourageService(async () => db);
		const a = preinscriptions.newId();
		const b = preinscriptions.newId();
		await preinscriptions.saveDraft(a, { observations: 'A' });
		await entourages.saveDraft(entourages.newId(), { members: [] });
		await preinscriptions.saveDraft(b, { observations: 'B' });
		await nextTick();
		await preinscriptions.saveDraft(a, { observations: 'A2' });
		expect((await preinscriptions.list()).map((d) => d._id)).toEqual([a, b]);
		expect(await preinscriptions.get(entourages.newId())).toBeNull();
	});

	it('refuses an id of another type', async () => {
		const { preinscriptions } = setup();
		const entourageId = createEntourageService(async () => {
			throw new Error('unused');
		}).newId();
		expect(await refusal(preinscriptions.saveDraft(entourageId, {}))).toBe(
			'Ce document n’existe pas ou plus sur cet appareil.'
		);
	});

	it('watch gives the list now and after every local change, until unsubscribed', async () => {
		const { preinscriptions } = setup();
		const seen: string[][] = [];
		const stop = preinscriptions.watch((docs) =>
			seen.push(docs.map((d) => String(d.observations)))
		);
		stops.push(stop);
		await until(() => seen.length === 1);
		expect(seen[0]).toEqual([]);
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, { observations: 'un' });
		await until(() => seen.at(-1)?.[0] === 'un');
		stop();
		const count = seen.length;
		await preinscriptions.saveDraft(id, { observations: 'deux' });
		await nextTick();
		await nextTick();
		expect(seen.length).toBe(count);
	});

	it('autosave: quick successive saves of one draft land in the order they were made', async () => {
		const { preinscriptions } = setup();
		const id = preinscriptions.newId();
		await preinscriptions.saveDraft(id, { observations: '' });
		const text = 'Crèche Cocon de Soie';
		const typed = Array.from(text, (_, i) => text.slice(0, i + 1));
		await Promise.all(typed.map((observations) => preinscriptions.saveDraft(id, { observations })));
		expect((await preinscriptions.get(id))?.observations).toBe(text);
	});

	it('a write from elsewhere between read and write (a pull, another tab) is kept, not overwritten', async () => {
		const { db } = memoryDb();
		let interfere = true;
		const racing = createPreinscriptionService(async () => ({
			...db,
			get: db.get.bind(db),
			allDocs: db.allDocs.bind(db),
			changes: db.changes.bind(db),
			remove: db.remove.bind(db),
			getAttachment: db.getAttachment.bind(db),
			put: async (doc) => {
				if (interfere) {
					interfere = false;
					const latest = await db.get(doc._id);
					await db.put({ ...latest, choices: ['grain-d-aile'] });
				}
				return db.put(doc);
			}
		}));
		const plain = createPreinscriptionService(async () => db);
		const id = plain.newId();
		await plain.saveDraft(id, { observations: 'début' });
		interfere = true;
		const saved = await racing.saveDraft(id, { observations: 'suite' });
		expect(saved).toMatchObject({ observations: 'suite', choices: ['grain-d-aile'] });
		expect(await plain.get(id)).toMatchObject({ observations: 'suite', choices: ['grain-d-aile'] });
	});
});
