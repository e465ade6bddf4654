// The family's answer to « Pièces demandées » on the device: autosaved as a draft, sent only with
// at least one piece, locked once sent, reopened when the sync refused it.
import { describe, expect, it } from 'vitest';
import { REPLY_NEEDS_PIECES } from '$domain/documents';
import { createAutosave, submitDraft } from './autosave.svelte';
import { createReplyService } from './reply.service';
import { DocumentError } from './store';
import { memoryDb } from './test-db';

const REQ = 'preinscription:2b1f0c36-5d7e-4a43-9c39-9f6f3f1d2a10';
const PIECE = 'piece:4a7d1c2e-9b3f-4e5a-8c6d-1f2e3d4c5b6a';

describe('reply service', () => {
	it('S-VAL-2 sends only with a piece: « Ajoutez au moins une pièce. »; then locked', async () => {
		const replies = createReplyService(memoryDb().source);
		const id = replies.newId();
		const autosave = createAutosave(replies, id, { events: null });
		autosave.change({ requestId: REQ, pieceIds: [], comment: 'Voici.' });
		expect(await submitDraft(autosave, replies, id)).toBe(REPLY_NEEDS_PIECES);
		expect((await replies.get(id))?.state).toBe('draft');
		autosave.change({ pieceIds: [PIECE] });
		expect(await submitDraft(autosave, replies, id)).toBeNull();
		const sent = await replies.get(id);
		expect(sent).toMatchObject({ state: 'submitted', requestId: REQ, pieceIds: [PIECE] });
		const edit = await replies.saveDraft(id, { comment: 'Autre' }).catch((e: unknown) => e);
		expect(edit).toBeInstanceOf(DocumentError);
		await autosave.destroy();
	});

	it('a sent reply the sync refused may be corrected and sent again', async () => {
		let refused: string | null = null;
		const replies = createReplyService(memoryDb().source, { refusal: () => refused });
		const id = replies.newId();
		await replies.saveDraft(id, { requestId: REQ, pieceIds: [PIECE] });
		await replies.submit(id);
		refused = 'Le service n’attend pas de pièces pour cette demande.';
		expect((await replies.saveDraft(id, { comment: 'Corrigé' })).state).toBe('draft');
	});
});
