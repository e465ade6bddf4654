// Invoices and credit notes as the family and the desk read them: their lines, how the hourly
// rate was computed, their numbering and their payment status. Pure TypeScript (browser and
// server). The month's computation from a contract lives in invoice-month.ts.

/** What a line bills or takes off. Deductions and credit notes carry negative amounts. */
export const INVOICE_LINE_KINDS = [
	'contract',
	'extra_hours',
	'closure',
	'hospitalisation',
	'illness',
	'credit'
] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

export interface InvoiceLine {
	kind: InvoiceLineKind;
	/** French label as printed: « Contrat mensualisé : 156,67 h × 1,548 € ». */
	label: string;
	/** Quantity as printed (« 156,67 h », « 2 jours »), or null. */
	quantity: string | null;
	/** Signed amount of the line in cents. */
	amountCents: number;
}

/** How the hourly rate was computed, printed on the invoice. */
export interface InvoiceComputation {
	/** Monthly resources declared (CAF or tax notice), or null when none was given. */
	monthlyResourcesCents: number | null;
	resourcesUsedCents: number;
	floorCents: number;
	ceilingCents: number;
	clamped: 'floor' | 'ceiling' | null;
	dependentChildren: number;
	aeehChildren: number;
	effortRatePpm: number;
	/** Exact hourly rate in millionths of a cent; hourlyRateCents is it rounded. */
	rateMicroCents: number;
	hourlyRateCents: number;
	minutesPerWeek: number;
	weeksPerYear: number;
	monthsBilled: number;
	/** Monthly hours, rounded to the hundredth. */
	monthlyHours: number;
	/** Share of the month covered by the contract (opening days), 1 for a whole month. */
	share: { num: number; den: number };
	/** The scale's effective dates used. */
	ratesFrom: string;
	boundsFrom: string;
}

export type InvoiceKind = 'invoice' | 'credit_note';

/** Legal number: F2027-000001 (invoices), A2027-000001 (credit notes), gapless per year. */
export function invoiceNumber(kind: InvoiceKind, year: number, seq: number): string {
	return `${kind === 'invoice' ? 'F' : 'A'}${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * Payment status as the family reads it. `cancelled`: credit notes cover the whole amount.
 * A credit note itself has the status `credit`.
 */
export const INVOICE_STATUSES = ['to_pay', 'late', 'paid', 'cancelled', 'credit'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
	to_pay: 'À payer',
	late: 'En retard',
	paid: 'Payée',
	cancelled: 'Annulée par avoir',
	credit: 'Avoir'
};

export interface InvoiceBalance {
	kind: InvoiceKind;
	amountCents: number;
	/** Sum of the credit notes on this invoice. */
	creditedCents: number;
	/** Sum of the recorded payments. */
	paidCents: number;
	dueDate: string;
}

/** What remains to pay, never negative. */
export const amountDueCents = (b: InvoiceBalance) =>
	Math.max(0, b.amountCents - b.creditedCents - b.paidCents);

/** The status on `today` ('YYYY-MM-DD', Europe/Paris). */
export function invoiceStatus(b: InvoiceBalance, today: string): InvoiceStatus {
	if (b.kind === 'credit_note') return 'credit';
	// An invoice of 0 € (deductions took the whole month) owes nothing: paid, not cancelled.
	if (b.creditedCents > 0 && b.creditedCents >= b.amountCents && b.paidCents === 0)
		return 'cancelled';
	if (amountDueCents(b) === 0) return 'paid';
	return today > b.dueDate ? 'late' : 'to_pay';
}

/** « 1 548,00 € » style amounts (French, non-breaking spaces as Intl prints them). */
let euros: Intl.NumberFormat | null = null;
export function formatEuros(cents: number): string {
	// One formatter for all calls: building one costs more than a whole invoice's arithmetic.
	euros ??= new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
	return euros.format(cents / 100);
}
