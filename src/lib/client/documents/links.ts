// Where a parent resumes a draft or opens a document (Brouillons, dashboard): the page of its type.
import { parseDocId } from '$domain/documents';

/** `id` = '<type>:<uuid>'. */
export function draftHref(id: string): string {
	const parsed = parseDocId(id);
	const uuid = parsed?.uuid ?? '';
	switch (parsed?.type) {
		case 'entourage':
			return `/espace/entourage/declaration/${uuid}`;
		case 'preinscription':
			return `/espace/demarches/preinscription-creche/${uuid}`;
		case 'piece':
			return `/espace/pieces/${uuid}`;
		default:
			return '/espace';
	}
}
