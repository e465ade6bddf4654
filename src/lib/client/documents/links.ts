// Where a parent resumes a draft (Brouillons, dashboards): the wizard of its document type.
import { parseDocId } from '../../domain/documents';

/** `id` = '<type>:<uuid>'. */
export const draftHref = (id: string): string => {
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
};
