// Who may write what into a household database (SYNC_SPEC S-OWN-*, S-VAL-*): parents write their own
// document types, never `svc:` ids; drafts are checked field by field, submitted documents in full.
import {
	ATTACHMENT_DOC_TYPES,
	MAX_PAGES_PER_PIECE,
	TOO_MANY_PAGES,
	PARENT_DOC_TYPES,
	SERVICE_ID_PREFIX,
	documentProblem,
	parseDocId,
	type ParentDocType
} from '../../src/lib/domain/documents';
import {
	declaredChildren,
	householdProblems,
	PIECE_NOT_IN_HOUSEHOLD,
	referenceDay
} from '../../src/lib/domain/preinscription-rules';

export interface WriteAttempt {
	id: string;
	body: Record<string, unknown>;
	deleted: boolean;
	hasAttachments: boolean;
	/** How many attachments the revision has (pages of a piece). */
	attachmentCount?: number;
	/** The current winning revision on the server, if the document exists. */
	current: { body: Record<string, unknown>; deleted: boolean } | null;
	/** Whether a structure id is one of the service's active structures (the `structures` table). */
	isActiveStructure(id: string): boolean;
	/** The household's other documents of a type (winning content), for the household rules. */
	householdDocs(type: 'entourage' | 'piece'): { id: string; body: Record<string, unknown> }[];
	/** The server's clock. */
	now: Date;
}

/** A French reason when a parent may not write this revision, else null. */
export function parentWriteProblem(w: WriteAttempt): string | null {
	if (w.id.startsWith(SERVICE_ID_PREFIX))
		return 'Ce document est géré par le service petite enfance : il ne peut pas être modifié depuis l’application.';
	if (w.id.startsWith('_')) return 'Ce type de document ne peut pas être enregistré.';
	const parsed = parseDocId(w.id);
	if (!parsed || !(PARENT_DOC_TYPES as readonly string[]).includes(parsed.type))
		return `Identifiant de document invalide : « ${w.id} » (attendu : <type>:<uuid>).`;
	const type = parsed.type as ParentDocType;
	if (w.current && !w.current.deleted && w.current.body.state === 'submitted')
		return 'Ce document a déjà été transmis au service : il ne peut plus être modifié ni supprimé.';
	if (w.deleted) return null;
	if (w.body.type !== type)
		return `Le type du document doit être « ${type} », comme son identifiant.`;
	if (w.hasAttachments && !ATTACHMENT_DOC_TYPES.includes(type))
		return 'Seules les pièces justificatives peuvent contenir des fichiers.';
	if ((w.attachmentCount ?? 0) > MAX_PAGES_PER_PIECE) return TOO_MANY_PAGES;
	const problem = documentProblem(type, w.body, w.hasAttachments);
	if (problem) return problem;
	if (type === 'preinscription' && Array.isArray(w.body.choices)) {
		const unknown = (w.body.choices as string[]).find((id) => !w.isActiveStructure(id));
		if (unknown)
			return `La structure « ${unknown} » n’existe pas ou n’accueille plus de préinscriptions.`;
	}
	// S-VAL-3..6: the child, the date and the pieces, against this household's documents.
	if (type === 'preinscription' && w.body.state === 'submitted') {
		const problems = householdProblems(w.body, {
			children: declaredChildren(w.householdDocs('entourage').map((d) => d.body)),
			pieceIds: w.householdDocs('piece').map((d) => d.id),
			today: referenceDay(w.body.submittedAt, w.now)
		});
		const first = Object.values(problems)[0];
		if (first) return first;
	}
	// S-VAL-7: the pieces of a reply to « Pièces demandées » are this household's.
	if (type === 'reply' && w.body.state === 'submitted') {
		const own = new Set(w.householdDocs('piece').map((d) => d.id));
		if ((w.body.pieceIds as string[]).some((id) => !own.has(id))) return PIECE_NOT_IN_HOUSEHOLD;
	}
	return null;
}
