// The allocation commission (commission d'attribution des places): four sessions a year, in
// mars, juin, septembre and décembre (guide). A request is examined at the first session after
// the month it was filed in. The months are a parameter: the commission feature (issue 10)
// reads them from the service's settings.

import { frenchMonth } from './french-date';

export const COMMISSION_MONTHS: readonly number[] = [3, 6, 9, 12];

export interface CommissionSession {
	year: number;
	/** 1 to 12. */
	month: number;
	/** « décembre 2026 ». */
	label: string;
}

const PARIS_MONTH = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Paris',
	year: 'numeric',
	month: '2-digit'
});

/** The year and month of `at` in Europe/Paris. */
function parisMonth(at: Date): { year: number; month: number } {
	const [year, month] = PARIS_MONTH.format(at).split('-').map(Number);
	return { year: year!, month: month! };
}

/** The session that will examine a request filed at `at`. */
export function nextCommission(
	at: Date = new Date(),
	months: readonly number[] = COMMISSION_MONTHS
): CommissionSession {
	const sorted = [...months].sort((a, b) => a - b);
	const now = parisMonth(at);
	const later = sorted.find((m) => m > now.month);
	const year = later === undefined ? now.year + 1 : now.year;
	const month = later ?? sorted[0]!;
	return { year, month, label: commissionMonthLabel(year, month) };
}

/** « mars 2027 »: how a commission is named, from its year and month (1–12). */
export function commissionMonthLabel(year: number, month: number): string {
	return frenchMonth(`${year}-${String(month).padStart(2, '0')}`);
}

/** Days a family has to accept or decline a place offered (default; an admin setting). */
export const OFFER_DEADLINE_DAYS = 15;
/**
 * Hours after the deadline during which an answer written on the device before the deadline
 * (offline) still counts when it reaches the server. Said on the parent's answer screen.
 */
export const OFFER_GRACE_HOURS = 48;
/** Days before a session the families with a waiting request are asked to confirm (default). */
export const REMINDER_DAYS = 14;

/**
 * Whether a session examines a request wishing an entry on `wished` (YYYY-MM-DD): an entry date
 * in the session's period, or one already past on the session's day (the family still waits: it
 * enters as soon as the period starts). A date between the session and its period belongs to the
 * previous session's period, and a later one to a later session.
 */
export function examinedBySession(
	wished: string,
	session: { date: string; periodStart: string; periodEnd: string }
): boolean {
	if (wished > session.periodEnd) return false;
	return wished >= session.periodStart || wished < session.date;
}
