// The yearly tax certificate (attestation fiscale, article 200 quater B CGI): who may have one and
// what it says. Pure TypeScript, shared by the server's PDF and the family's « Édition de
// documents ».

/** One certificate the family can download: a child and a year with payments. */
export interface TaxCertificateItem {
	year: number;
	childId: string;
	childName: string;
	/** Amounts actually paid in the year for the child's care (meals excluded). */
	paidCents: number;
	eligible: boolean;
	/** Why not eligible (French). */
	reason?: string;
}

/**
 * Under 6 on 1 January of the tax year: born after 1 January of (year − 6). A child born on
 * 1 January (year − 6) turns 6 that day and is not under 6 any more.
 */
export function underSixOnFirstJanuary(birthDate: string, year: number): boolean {
	return birthDate > `${year - 6}-01-01`;
}

export function eligibility(
	childName: string,
	birthDate: string | null,
	year: number
): { eligible: true } | { eligible: false; reason: string } {
	if (!birthDate)
		return {
			eligible: false,
			reason: `La date de naissance de ${childName} n’est pas connue du service : contactez-le pour obtenir l’attestation.`
		};
	if (!underSixOnFirstJanuary(birthDate, year))
		return {
			eligible: false,
			reason: `${childName} avait 6 ans ou plus au 1er janvier ${year} : les frais de garde de cette année n’ouvrent pas droit au crédit d’impôt.`
		};
	return { eligible: true };
}

/** The tax credit's ceiling of expenses per child (3 500 €; half per parent in alternating residence). */
export const TAX_CREDIT_CEILING_CENTS = 350_000;
