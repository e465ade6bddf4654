// The sentence explaining an invoice's hourly rate on the family's screens (« Tarif horaire :
// 1,55 € (taux d’effort 0,0516 % × ressources retenues 3 000,00 €) »). Months read with
// monthLabel (format.ts), effort rates with effortText (computation.ts), amounts with formatEuros.
import { formatEuros, type InvoiceComputation } from '$lib/domain/invoice';
import { effortText } from './computation';

/** The rate's explanation, with the resources used when the service sent the computation. */
export function rateExplanation(
	hourlyRateCents: number,
	effortRatePpm: number,
	computation?: Pick<InvoiceComputation, 'resourcesUsedCents' | 'clamped'>
): string {
	const clamp =
		computation?.clamped === 'floor'
			? ' (plancher)'
			: computation?.clamped === 'ceiling'
				? ' (plafond)'
				: '';
	const resources =
		computation && Number.isInteger(computation.resourcesUsedCents)
			? ` × ressources retenues ${formatEuros(computation.resourcesUsedCents)}${clamp}`
			: '';
	return `Tarif horaire : ${formatEuros(hourlyRateCents)} (taux d’effort ${effortText(effortRatePpm)}${resources})`;
}
