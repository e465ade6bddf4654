// Autosave of a draft against a real PouchDB: debounced saves, flush on page hide, refused
// fields kept apart, formGuard held while input is not saved.
import { afterEach, describe, expect, it } from 'vitest';
import { formGuard } from '$lib/pwa/form-guard.svelte';
import { createAutosave } from './autosave.svelte';
import { createPreinscriptionService } from './preinscription.service';
import { memoryDb } from './test-db';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => formGuard.release());

function setup() {
	const { db, source } = memoryDb();
	const service = createPreinscriptionService(source);
	const id = service.newId();
	return { db, service, id };
}

describe('autosave of a draft', () => {
	it('saves a burst of changes once, within the delay, and keeps earlier fields', async () => {
		const { service, id, db } = setup();
		const autosave = createAutosave(service, id, { delayMs: 50, events: null });
		autosave.change({ observations: 'Premier' });
		autosave.change({ wishedStartDate: '2027-09-01' });
		autosave.change({ observations: 'Crèche près du travail' });
		expect(autosave.state).toBe('pending');
		expect(await service.get(id)).toBeNull();
		await sleep(200);
		const saved = await service.get(id);
		expect(saved).toMatchObject({
			observations: 'Crèche près du travail',
			wishedStartDate: '2027-09-01',
			state: 'draft'
		});
		expect(saved?._rev?.startsWith('1-')).toBe(true);
		expect(autosave.state).toBe('saved');
		const { rows } = await db.allDocs({ include_docs: true });
		expect(rows).toHaveLength(1);
	});

	it('saves at once when the page is hidden or left', async () => {
		const { service, id } = setup();
		const events = new EventTarget();
		let hidden = false;
		const autosave = createAutosave(service, id, { delayMs: 60_000, events, hidden: () => hidden });
		autosave.change({ observations: 'Avant de fermer' });
		events.dispatchEvent(new Event('visibilitychange'));
		await sleep(30);
		expect(await service.get(id)).toBeNull(); // still visible: waits for its delay
		hidden = true;
		events.dispatchEvent(new Event('visibilitychange'));
		await sleep(50);
		expect((await service.get(id))?.observations).toBe('Avant de fermer');
		autosave.change({ observations: 'Puis quitter' });
		events.dispatchEvent(new Event('pagehide'));
		await sleep(50);
		expect((await service.get(id))?.observations).toBe('Puis quitter');
	});

	it('keeps the valid fields of a change and reports the refused one in French', async () => {
		const { service, id } = setup();
		const autosave = createAutosave(service, id, { delayMs: 10, events: null });
		autosave.change({ observations: 'Gardée', wishedStartDate: '2027-02-31' });
		const saved = await autosave.flush();
		expect(saved?.observations).toBe('Gardée');
		expect(saved?.wishedStartDate).toBeUndefined();
		expect(autosave.invalidFields).toEqual(['wishedStartDate']);
		expect(autosave.error).toMatch(/Date d’entrée souhaitée/);
		expect(autosave.state).toBe('error');
		expect(formGuard.held).toBe(true);
		autosave.change({ wishedStartDate: '2027-03-01' });
		await autosave.flush();
		expect(autosave.invalidFields).toEqual([]);
		expect(autosave.error).toBeNull();
		expect(autosave.state).toBe('saved');
		expect(formGuard.held).toBe(false);
	});

	it('holds formGuard from the first change until it is saved', async () => {
		const { service, id } = setup();
		const autosave = createAutosave(service, id, { delayMs: 10, events: null });
		expect(formGuard.held).toBe(false);
		autosave.change({ observations: 'x' });
		expect(formGuard.held).toBe(true);
		await autosave.flush();
		expect(formGuard.held).toBe(false);
	});

	it('keeps the input when the draft was submitted meanwhile, with the service’s reason', async () => {
		const { service, id } = setup();
		await service.saveDraft(id, {
			childId: '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90',
			wishedStartDate: '2027-09-01',
			choices: ['cocon-de-soie'],
			questionnaire: { residentInArea: true, professionalSituation: ['parent1Works'] }
		});
		await service.submit(id);
		const autosave = createAutosave(service, id, { delayMs: 10, events: null });
		autosave.change({ observations: 'Trop tard' });
		await autosave.flush();
		expect(autosave.state).toBe('error');
		expect(autosave.error).toMatch(/déjà été transmise/);
		expect((await service.get(id))?.observations).toBeUndefined();
		expect(formGuard.held).toBe(true);
		await autosave.destroy();
		expect(formGuard.held).toBe(false);
	});
});
