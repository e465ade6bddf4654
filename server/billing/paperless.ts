// The family's paperless choice per child (SYNC_SPEC S-PROJ-10): a submitted `paperless:<uuid>`
// document (src/lib/domain/documents.ts) projected inside its write transaction (the `paperless`
// app projector, server/sync-host.ts) into paperless_choices, one row per household and child. Per
// child the latest `validatedAt` (device clock) wins, so a choice made offline and delivered after
// a newer one changes nothing; a replay writes the same row again. A child that is not in the
// household file (its submitted entourage declarations) refuses the whole document with a French
// reason (DocRefused) and nothing is written. The invoice run reads the choice at issue time.
import { DocRefused } from '../../sync/server/errors';
import type { AppProjector } from '../../sync/server/host';
import { readHouseholdDocs } from '../../sync/server/household-read';
import { declaredChildren } from '../../src/lib/domain/preinscription-rules';
import type { Db } from '../db';

export const PAPERLESS_CHILD_UNKNOWN =
	'Cet enfant n’est pas déclaré dans votre espace : votre choix de facture en ligne n’a pas été enregistré.';

interface Choice {
	childId: string;
	paperless: boolean;
}

export const projectPaperless: AppProjector = (rev, ctx) => {
	if (rev.deleted || rev.body.state !== 'submitted') return;
	const { db } = ctx.host;
	const children = rev.body.children as Choice[];
	const validatedAt = String(rev.body.validatedAt);
	const declared = new Set(
		declaredChildren(readHouseholdDocs(db, ctx.householdId, 'entourage:').map((d) => d.body)).map(
			(c) => c.id
		)
	);
	if (children.some((c) => !declared.has(c.childId)))
		throw new DocRefused('forbidden', PAPERLESS_CHILD_UNKNOWN);
	// The latest validation wins per child (ties: the larger document id, the same on every replay).
	const upsert = db.prepare(
		`INSERT INTO paperless_choices (household_id, child_id, paperless, doc_id, validated_at, updated_at)
		 VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (household_id, child_id) DO UPDATE SET
		   paperless = excluded.paperless, doc_id = excluded.doc_id,
		   validated_at = excluded.validated_at, updated_at = excluded.updated_at
		 WHERE excluded.validated_at > paperless_choices.validated_at
		    OR (excluded.validated_at = paperless_choices.validated_at
		        AND excluded.doc_id > paperless_choices.doc_id)`
	);
	for (const c of children)
		upsert.run(ctx.householdId, c.childId, c.paperless ? 1 : 0, rev.id, validatedAt, ctx.now);
};

/** The household's current choices, by child id (true: invoices online only). */
export function paperlessChoices(db: Db, householdId: string): Record<string, boolean> {
	const rows = db
		.prepare('SELECT child_id, paperless FROM paperless_choices WHERE household_id = ?')
		.all(householdId) as { child_id: string; paperless: number }[];
	return Object.fromEntries(rows.map((r) => [r.child_id, r.paperless === 1]));
}
