// An agent's check of a manual criterion on a request (commission_checks): e.g. a disability
// attested by a piece. Only the grid in force's manual criteria can be checked.
import * as v from 'valibot';
import { optionalText } from '../../src/lib/domain/validation';
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { gridInForce } from './grid';

export const CheckInput = v.object({
	met: v.boolean('Indiquez si le critère est rempli.'),
	note: optionalText('Note', 500)
});
export type CheckInput = v.InferOutput<typeof CheckInput>;

export const NOT_MANUAL = 'Ce critère n’est pas vérifié par un agent dans la grille en vigueur.';

/** The checks of these requests, by request id then criterion id. */
export function checksOf(
	db: Db,
	requestIds: readonly string[]
): Record<string, Record<string, boolean>> {
	const out: Record<string, Record<string, boolean>> = {};
	if (requestIds.length === 0) return out;
	const stmt = db.prepare(
		'SELECT request_id, criterion_id, met FROM commission_checks WHERE request_id = ?'
	);
	for (const id of requestIds) {
		const rows = stmt.all(id) as { request_id: string; criterion_id: string; met: number }[];
		out[id] = Object.fromEntries(rows.map((r) => [r.criterion_id, r.met === 1]));
	}
	return out;
}

/** Records the check (the last one wins). In the caller's transaction. */
export function setCheck(
	db: Db,
	requestId: string,
	criterionId: string,
	input: CheckInput,
	by: string,
	now: number
): void {
	const criterion = gridInForce(db, now).criteria.find((c) => c.id === criterionId);
	if (!criterion || criterion.source !== 'manual')
		throw new ApiError(400, 'validation', NOT_MANUAL, { criterionId: NOT_MANUAL });
	db.prepare(
		`INSERT INTO commission_checks (request_id, criterion_id, met, note, checked_by, checked_at)
		 VALUES (?, ?, ?, ?, ?, ?)
		 ON CONFLICT (request_id, criterion_id) DO UPDATE SET met = excluded.met, note = excluded.note,
		 checked_by = excluded.checked_by, checked_at = excluded.checked_at`
	).run(requestId, criterionId, input.met ? 1 : 0, input.note || null, by, now);
}
