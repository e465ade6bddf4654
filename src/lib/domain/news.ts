// The service's public news (ACTUALITÉS on the home page): the form's schema, shared by the staff
// desk's form and the API, and which news are shown on a given day. Pure TypeScript.
import * as v from 'valibot';
import { isoDate, optionalIsoDate, requiredText } from './validation';

export const NEWS_TITLE_MAX = 150;
export const NEWS_BODY_MAX = 10_000;
export const END_BEFORE_START =
	'La date de fin doit être postérieure ou égale à la date de publication.';

export const NewsInput = v.pipe(
	v.object({
		title: requiredText('Titre', NEWS_TITLE_MAX),
		body: requiredText('Texte', NEWS_BODY_MAX),
		publishedOn: isoDate('Date de publication'),
		endsOn: optionalIsoDate('Date de fin')
	}),
	v.forward(
		v.check((n) => !n.endsOn || n.endsOn >= n.publishedOn, END_BEFORE_START),
		['endsOn']
	)
);
export type NewsInput = v.InferOutput<typeof NewsInput>;

export interface NewsItem {
	id: number;
	title: string;
	body: string;
	/** YYYY-MM-DD: shown from that day (Europe/Paris). */
	publishedOn: string;
	/** YYYY-MM-DD: last day shown, or null. */
	endsOn: string | null;
}

/** Whether the news is shown to the public on `today` (YYYY-MM-DD, Europe/Paris). */
export function isShown(news: Pick<NewsItem, 'publishedOn' | 'endsOn'>, today: string): boolean {
	return news.publishedOn <= today && (news.endsOn === null || news.endsOn >= today);
}

/** The teaser's text: the first sentences up to `max` characters, cut on a word, with « ... ». */
export function excerpt(body: string, max = 90): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}...`;
}
