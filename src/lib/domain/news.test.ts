import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from './validation';
import { END_BEFORE_START, NewsInput, excerpt, isShown } from './news';

const valid = {
	title: 'Simulateur de tarifs',
	body: 'Cet outil vous permet d’estimer les tarifs.',
	publishedOn: '2026-11-03'
};

describe('news form', () => {
	it('accepts a title, a text and a publication date; the end date is optional', () => {
		expect(v.parse(NewsInput, { ...valid, endsOn: '' })).toEqual({ ...valid, endsOn: undefined });
		expect(v.parse(NewsInput, { ...valid, endsOn: '2026-12-31' }).endsOn).toBe('2026-12-31');
	});

	it('says in French what is missing or wrong, field by field', () => {
		const r = v.safeParse(NewsInput, { title: ' ', body: '', publishedOn: '2026-02-30' });
		expect(r.success).toBe(false);
		if (!r.success)
			expect(fieldErrors(r.issues)).toEqual({
				title: 'Le champ « Titre » est obligatoire.',
				body: 'Le champ « Texte » est obligatoire.',
				publishedOn: 'Le champ « Date de publication » doit être une date valide (AAAA-MM-JJ).'
			});
		const late = v.safeParse(NewsInput, { ...valid, endsOn: '2026-11-02' });
		expect(late.success || fieldErrors(late.issues)).toEqual({ endsOn: END_BEFORE_START });
	});
});

describe('which news are shown', () => {
	it('from the publication day to the end day included', () => {
		const n = { publishedOn: '2026-11-03', endsOn: '2026-11-30' };
		expect(isShown(n, '2026-11-02')).toBe(false);
		expect(isShown(n, '2026-11-03')).toBe(true);
		expect(isShown(n, '2026-11-30')).toBe(true);
		expect(isShown(n, '2026-12-01')).toBe(false);
		expect(isShown({ publishedOn: '2021-11-03', endsOn: null }, '2030-01-01')).toBe(true);
	});

	it('the teaser cuts on a word and ends with « ... » like the guide', () => {
		const body =
			"Cet outil vous permet d'estimer les tarifs applicables à votre foyer en fonction de vos ressources, du nombre d'enfants.";
		expect(excerpt(body)).toBe(
			"Cet outil vous permet d'estimer les tarifs applicables à votre foyer en fonction de vos..."
		);
		expect(excerpt('Court.', 80)).toBe('Court.');
	});
});
