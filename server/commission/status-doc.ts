// The household's `svc:status` document of a request after a commission step (offer made,
// accepted, declined, expired): the current content with one history entry appended and the
// step's fields (offer, contract, waiting list, reason) set or cleared. Schema-checked: throws.
import * as v from 'valibot';
import type { RequestStatus } from '../../src/lib/domain/request-status';
import { StatusDoc, statusDocId } from '../../src/lib/domain/service-documents';
import { readStoredDoc } from '../../sync/server/household-read';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import type { AppDeps } from '../http/env';
import { syncHostFor } from '../sync-host';

export interface RequestRef {
	number: number;
	household_id: string;
	doc_id: string;
	type: string;
}

export interface StatusStep {
	status: RequestStatus;
	/** ISO timestamp of the step. */
	at: string;
	/** Who acted, as the family reads it (« Vous », « Commission d’attribution »). */
	by: string;
	comment?: string | null;
	/** Fields set on the document (offer, contract, waitlist, reason). */
	set?: Record<string, unknown>;
}

/** Writes a service document into a household database (a projector's own writer, or the server's). */
export type ServiceWriter = (
	householdId: string,
	id: string,
	body: Record<string, unknown>
) => void;

export function serverWriter(deps: AppDeps): ServiceWriter {
	return (householdId, id, body) => {
		const [written] = writeHouseholdDocs(syncHostFor(deps), householdId, [{ ...body, _id: id }]);
		if (!written || !('ok' in written))
			throw new Error(
				`svc:status refused: ${written && 'reason' in written ? written.reason : ''}`
			);
	};
}

export function writeStatusStep(
	deps: Pick<AppDeps, 'db'>,
	write: ServiceWriter,
	req: RequestRef,
	step: StatusStep
): void {
	const id = statusDocId(req.doc_id);
	const current = readStoredDoc(deps.db, req.household_id, id)?.body ?? {
		type: 'status',
		subjectId: req.doc_id,
		subjectType: req.type,
		requestNumber: req.number,
		history: []
	};
	const {
		offer: _offer,
		waitlist: _waitlist,
		reason: _reason,
		piecesRequested: _pieces,
		...rest
	} = current as Record<string, unknown>;
	void [_offer, _waitlist, _reason, _pieces]; // each step says again what still holds
	const history = Array.isArray(current.history) ? (current.history as { at?: unknown }[]) : [];
	// Never before the previous step, even if the server's clock went back (history is ordered).
	const last = history.at(-1)?.at;
	const entry = {
		status: step.status,
		at: typeof last === 'string' && last > step.at ? last : step.at,
		by: step.by,
		...(step.comment ? { comment: step.comment } : {})
	};
	const doc = v.parse(StatusDoc, {
		...rest,
		status: step.status,
		history: [...history, entry],
		...(step.set ?? {})
	});
	write(req.household_id, id, doc);
}
