// French words of the staff's billing pages: months, the run's progress, amounts an agent types
// in euros. Dates come from the app's French helpers (french-date.ts), money from formatEuros.
import { frenchMonth } from '$lib/domain/french-date';
import { formatEuros } from '$lib/domain/invoice';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string) => MONTH.test(value);

/** « mars 2027 » for '2027-03'; '' when not a month. */
export const monthLabel = frenchMonth;

/** « de mars 2027 », « d’avril 2027 » (elided before a vowel). */
export function ofMonth(month: string): string {
	const label = monthLabel(month);
	return /^[aeiouéh]/i.test(label) ? `d’${label}` : `de ${label}`;
}

/** The month before the one of `today` ('YYYY-MM-DD'): what the desk usually invoices. */
export function previousMonth(today: string): string {
	const year = Number(today.slice(0, 4));
	const month = Number(today.slice(5, 7));
	return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

const COUNT = new Intl.NumberFormat('fr-FR');

/** « 5 000 » (French grouping). */
export const frenchCount = (n: number) => COUNT.format(n);

/** « 1 facture », « 120 factures ». */
export const invoicesText = (n: number) => `${frenchCount(n)} facture${n > 1 ? 's' : ''}`;

/** « 1 facture à émettre pour 557,10 € ; 3 factures déjà émises. » */
export function previewSummary(p: {
	count: number;
	totalCents: number;
	alreadyIssued: number;
}): string {
	const toIssue =
		p.count > 0
			? `${invoicesText(p.count)} à émettre pour ${formatEuros(p.totalCents)}`
			: 'Aucune facture à émettre';
	const issued = p.alreadyIssued
		? ` ; ${invoicesText(p.alreadyIssued)} déjà émise${p.alreadyIssued > 1 ? 's' : ''}`
		: '';
	return `${toIssue}${issued}.`;
}

/** « 120 / 5 000 factures émises ». */
export function progressText(issued: number, planned: number): string {
	return `${frenchCount(issued)} / ${frenchCount(planned)} facture${planned > 1 ? 's' : ''} émise${planned > 1 ? 's' : ''}`;
}

/**
 * Cents from what an agent typed in euros (« 12,50 », « 12.5 », « 1 234 € »); null when it is
 * not an amount with at most two decimals.
 */
export function parseEurosToCents(typed: string): number | null {
	const text = typed
		.replace(/[\s\u00a0\u202f€]/g, '')
		.replace(',', '.')
		.trim();
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const MEANS: Record<string, string> = { card: 'Carte bancaire', debit: 'Prélèvement' };

/** « Carte bancaire », « Prélèvement »; the raw value otherwise, « — » when unknown. */
export const meansLabel = (means: string | null | undefined) =>
	means ? (MEANS[means] ?? means) : '—';

const PAYMENT_STATUS: Record<string, string> = {
	pending: 'En cours',
	paid: 'Accepté',
	refused: 'Refusé',
	cancelled: 'Abandonné',
	expired: 'Expiré',
	failed: 'Échec'
};

/** A payment attempt's outcome in French. */
export const paymentStatusLabel = (status: string) => PAYMENT_STATUS[status] ?? status;
