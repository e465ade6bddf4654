import { describe, expect, it } from 'vitest';
import { splitLinks } from './links';

describe('splitLinks', () => {
	it('finds links and leaves trailing punctuation out', () => {
		expect(splitLinks('Activez : http://127.0.0.1:3000/activation/abc_1. Merci')).toEqual([
			{ text: 'Activez : ', link: false },
			{ text: 'http://127.0.0.1:3000/activation/abc_1', link: true },
			{ text: '. Merci', link: false }
		]);
	});

	it('keeps plain text whole', () => {
		expect(splitLinks('Bonjour')).toEqual([{ text: 'Bonjour', link: false }]);
	});
});
