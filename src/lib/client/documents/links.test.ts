import { describe, expect, it } from 'vitest';
import { draftHref } from './links';

const U = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';

describe('where a draft is resumed', () => {
	it('opens the wizard or page of its type', () => {
		expect(draftHref(`entourage:${U}`)).toBe(`/espace/entourage/declaration/${U}`);
		expect(draftHref(`preinscription:${U}`)).toBe(`/espace/demarches/preinscription-creche/${U}`);
		expect(draftHref(`piece:${U}`)).toBe(`/espace/pieces/${U}`);
		expect(draftHref('nonsense')).toBe('/espace');
	});
});
