import { error } from '@sveltejs/kit';
import { isUpcomingSection, UPCOMING_SECTIONS } from '../sections';

export function load({ params }) {
	if (!isUpcomingSection(params.rubrique)) error(404, 'Page introuvable');
	return { section: UPCOMING_SECTIONS[params.rubrique] };
}
