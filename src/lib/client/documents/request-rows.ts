// What a request contains, as label/value rows for its detail page: the same rows as the
// wizard's review step of its type.
import {
	memberName,
	summaryRows as entourageRows,
	type MemberLike,
	type SummaryRow
} from '$domain/entourage-summary';
import { summaryRows as preinscriptionRows } from '$domain/preinscription-summary';
import { cachedStructures } from '../structures';
import type { EntourageDocument } from './entourage.service';
import type { PieceDocument } from './piece.service';
import { memberIndex, type RequestDocument } from './requests';

export function requestRows(
	doc: RequestDocument,
	entourages: readonly EntourageDocument[],
	pieces: readonly PieceDocument[] = []
): SummaryRow[] {
	if (doc.type === 'entourage') return entourageRows(doc as { members?: MemberLike[] });
	const members = memberIndex(entourages);
	return preinscriptionRows(doc, {
		child: (id) => {
			const m = members.get(id);
			return m ? memberName(m as MemberLike) : '';
		},
		structure: (id) => cachedStructures().find((s) => s.id === id)?.label ?? id,
		piece: (id) => String(pieces.find((p) => p._id === id)?.label ?? 'Pièce jointe')
	});
}
