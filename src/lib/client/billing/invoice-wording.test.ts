// The hourly rate's explanation as the family reads it on an invoice.
import { describe, expect, it } from 'vitest';
import { rateExplanation } from './invoice-wording';

const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('invoice wording', () => {
	it('explains the hourly rate from the effort rate and the resources used', () => {
		expect(nb(rateExplanation(155, 516))).toBe('Tarif horaire : 1,55 € (taux d’effort 0,0516 %)');
		expect(nb(rateExplanation(155, 516, { resourcesUsedCents: 300_000, clamped: null }))).toBe(
			'Tarif horaire : 1,55 € (taux d’effort 0,0516 % × ressources retenues 3 000,00 €)'
		);
		expect(nb(rateExplanation(433, 619, { resourcesUsedCents: 700_000, clamped: 'ceiling' }))).toBe(
			'Tarif horaire : 4,33 € (taux d’effort 0,0619 % × ressources retenues 7 000,00 € (plafond))'
		);
	});
});
