// What a request contains, as label/value rows for its detail page: the same rows as the
// wizard's review step of its type.
import { summaryRows as entourageRows, type SummaryRow } from '$domain/entourage-summary';
import { memberIndex, type RequestDocument } from './requests';
import type { EntourageDocument } from './entourage.service';
import { frenchDate } from '$domain/french-date';
import { memberName, type MemberLike } from '$domain/entourage-summary';

export function requestRows(
	doc: RequestDocument,
	entourages: readonly EntourageDocument[]
): SummaryRow[] {
	if (doc.type === 'entourage') return entourageRows(doc as { members?: MemberLike[] });
	const child = typeof doc.childId === 'string' ? memberIndex(entourages).get(doc.childId) : null;
	const rows: SummaryRow[] = [];
	if (child) rows.push({ label: 'Enfant', value: memberName(child as MemberLike) });
	if (typeof doc.wishedStartDate === 'string')
		rows.push({ label: 'Date d’entrée souhaitée', value: frenchDate(doc.wishedStartDate) });
	if (typeof doc.observations === 'string' && doc.observations.trim())
		rows.push({ label: 'Observations', value: doc.observations });
	return rows;
}
