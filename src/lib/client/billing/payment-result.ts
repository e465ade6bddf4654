// What the payment result page says for each state of a PayFiP payment.
import type { PaymentStatus } from './family-api';

export interface PaymentOutcome {
	title: string;
	text: string;
	kind: 'success' | 'error' | 'info';
	/** Still waiting for the provider's answer: the page asks again. */
	pending: boolean;
}

export function paymentOutcome(status: PaymentStatus): PaymentOutcome {
	switch (status) {
		case 'paid':
			return {
				title: 'Paiement accepté — votre facture est payée',
				text: 'Merci. Le paiement est enregistré : la facture apparaît « Payée » dans Mes factures.',
				kind: 'success',
				pending: false
			};
		case 'refused':
			return {
				title: 'Paiement refusé',
				text: 'Votre banque a refusé le paiement : rien n’a été débité et la facture reste à payer. Vous pouvez réessayer ou choisir un autre moyen de paiement.',
				kind: 'error',
				pending: false
			};
		case 'cancelled':
			return {
				title: 'Paiement annulé',
				text: 'Vous avez annulé le paiement : rien n’a été débité et la facture reste à payer.',
				kind: 'info',
				pending: false
			};
		case 'pending':
			return {
				title: 'Paiement en cours',
				text: 'Nous attendons la réponse du service de paiement. Cette page se met à jour d’elle-même ; vous pouvez aussi revenir plus tard.',
				kind: 'info',
				pending: true
			};
		default:
			return {
				title: 'Paiement non abouti',
				text: 'Le paiement n’a pas abouti : rien n’a été débité et la facture reste à payer. Vous pouvez réessayer.',
				kind: 'error',
				pending: false
			};
	}
}
