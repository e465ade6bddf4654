// What the family reads when PayFiP sends it back: accepted, refused, cancelled, still in progress.
import { describe, expect, it } from 'vitest';
import { paymentOutcome } from './payment-result';

describe('payment result wording', () => {
	it('says paid, refused, cancelled or in progress; only the last asks again', () => {
		expect(paymentOutcome('paid')).toMatchObject({
			title: 'Paiement accepté — votre facture est payée',
			kind: 'success',
			pending: false
		});
		expect(paymentOutcome('refused')).toMatchObject({ title: 'Paiement refusé', pending: false });
		expect(paymentOutcome('refused').text).toMatch(/reste à payer/);
		expect(paymentOutcome('cancelled')).toMatchObject({ title: 'Paiement annulé', pending: false });
		expect(paymentOutcome('pending')).toMatchObject({ title: 'Paiement en cours', pending: true });
		expect(paymentOutcome('expired')).toMatchObject({
			title: 'Paiement non abouti',
			pending: false
		});
	});
});
