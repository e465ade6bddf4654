// Autosave of a draft (issue 8 item 6): every field change lands in the device's PouchDB within
// `delayMs`, and at once when the page is hidden or left (pagehide, tab switch, app killed from the
// task switcher), so a closed tab or a dead battery loses nothing. While a change is not yet saved
// the form holds `formGuard` (no update reload under someone typing).
//
// A field the draft schema refuses (a half-typed date…) is not saved and is reported in
// `invalidFields` with its French reason; the other fields of the same change are saved.
import { formGuard } from '$lib/pwa/form-guard.svelte';
import type { ParentDocumentService } from './parent-document';
import { DocumentError, type StoredDoc } from './store';

export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave<T extends StoredDoc> {
	readonly state: AutosaveState;
	/** French reason of the last refusal (a field, or the whole write), else null. */
	readonly error: string | null;
	/** Fields the draft schema refused: kept on screen, not saved. */
	readonly invalidFields: string[];
	/** The last saved version of the draft. */
	readonly doc: T | null;
	/** Merges `fields` into what is waiting and saves it within `delayMs`. */
	change(fields: Record<string, unknown>): void;
	/** Saves what is waiting now (before a step change or VALIDER); the saved draft. */
	flush(): Promise<T | null>;
	/** Saves what is waiting, stops listening and releases `formGuard`. */
	destroy(): Promise<void>;
}

export interface AutosaveOptions {
	delayMs?: number;
	/** Where `pagehide` / `visibilitychange` come from (the window; replaced in tests). */
	events?: EventTarget | null;
	/** Whether the page is hidden now (document.visibilityState; replaced in tests). */
	hidden?: () => boolean;
}

export const SAVE_FAILED =
	'Vos dernières saisies n’ont pas pu être enregistrées sur cet appareil. Elles restent affichées : réessayez.';

export function createAutosave<T extends StoredDoc>(
	service: ParentDocumentService<T>,
	id: string,
	{
		delayMs = 300,
		events = typeof window === 'undefined' ? null : window,
		hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden'
	}: AutosaveOptions = {}
): Autosave<T> {
	let state = $state<AutosaveState>('idle');
	let error = $state<string | null>(null);
	let invalidFields = $state<string[]>([]);
	let doc = $state<T | null>(null);

	let waiting: Record<string, unknown> = {};
	let timer: ReturnType<typeof setTimeout> | null = null;
	let release: (() => void) | null = null;
	let chain: Promise<T | null> = Promise.resolve(null);

	const hasWaiting = () => Object.keys(waiting).length > 0;

	async function saveFields(fields: Record<string, unknown>): Promise<void> {
		try {
			doc = await service.saveDraft(id, fields);
			invalidFields = invalidFields.filter((k) => !(k in fields));
			error = invalidFields.length > 0 ? error : null;
			return;
		} catch (e) {
			if (!(e instanceof DocumentError && e.code === 'invalid')) throw e;
			const keys = Object.keys(fields);
			if (keys.length === 1) {
				invalidFields = [...invalidFields.filter((k) => k !== keys[0]), keys[0]!];
				error = e.message;
				return;
			}
		}
		// Several fields and one refused: save them one by one so the valid ones are kept.
		for (const [key, value] of Object.entries(fields)) await saveFields({ [key]: value });
	}

	async function save(): Promise<T | null> {
		if (timer) clearTimeout(timer);
		timer = null;
		if (!hasWaiting()) return doc;
		const fields = waiting;
		waiting = {};
		state = 'saving';
		try {
			await saveFields(fields);
		} catch (e) {
			// Not the content: the document was submitted meanwhile, or the database failed. Keep
			// the input (newer changes win) so the next change or flush tries again.
			waiting = { ...fields, ...waiting };
			error = e instanceof DocumentError ? e.message : SAVE_FAILED;
			state = 'error';
			return doc;
		}
		if (hasWaiting()) return doc; // more came in while saving: its timer is running
		state = invalidFields.length > 0 ? 'error' : 'saved';
		if (invalidFields.length === 0) {
			release?.();
			release = null;
		}
		return doc;
	}

	function flush(): Promise<T | null> {
		chain = chain.then(save, save);
		return chain;
	}

	function change(fields: Record<string, unknown>) {
		Object.assign(waiting, fields);
		state = 'pending';
		release ??= formGuard.hold();
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => void flush(), delayMs);
	}

	const onPageHide = () => void flush();
	const onVisibility = () => {
		if (hidden()) void flush();
	};
	events?.addEventListener('pagehide', onPageHide);
	events?.addEventListener('visibilitychange', onVisibility);

	return {
		get state() {
			return state;
		},
		get error() {
			return error;
		},
		get invalidFields() {
			return invalidFields;
		},
		get doc() {
			return doc;
		},
		change,
		flush,
		async destroy() {
			events?.removeEventListener('pagehide', onPageHide);
			events?.removeEventListener('visibilitychange', onVisibility);
			await flush();
			release?.();
			release = null;
		}
	};
}

export const SUBMIT_FAILED =
	'Votre demande n’a pas pu être enregistrée sur cet appareil. Réessayez.';

/**
 * VALIDER of a wizard: saves what the autosave holds, then submits the draft. Null when it was
 * submitted, else the French reason to show (a refused field, the complete schema's check).
 */
export async function submitDraft<T extends StoredDoc>(
	autosave: Autosave<T>,
	service: ParentDocumentService<T>,
	id: string
): Promise<string | null> {
	try {
		await autosave.flush();
		if (autosave.invalidFields.length > 0 && autosave.error) return autosave.error;
		await service.submit(id);
		return null;
	} catch (e) {
		return e instanceof DocumentError ? e.message : SUBMIT_FAILED;
	}
}
