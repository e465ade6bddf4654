// French dates and times for screens and mails, always at the service's wall-clock time
// (Europe/Paris), whatever the time zone of the device or of the server. Pure TypeScript: used
// by the browser (src/lib/client, src/lib/pwa) and by the server (mail templates, projectors).

/** An instant as the app holds it: a Date, milliseconds since 1970, or an ISO 8601 string. */
export type Instant = Date | number | string;

const PARIS = { timeZone: 'Europe/Paris' } as const;
const DATE = new Intl.DateTimeFormat('fr-FR', {
	...PARIS,
	day: '2-digit',
	month: '2-digit',
	year: 'numeric'
});
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
	...PARIS,
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});
const TIME = new Intl.DateTimeFormat('fr-FR', {
	...PARIS,
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

function toDate(at: Instant): Date | null {
	if (at === '') return null;
	const date = at instanceof Date ? at : new Date(at);
	return Number.isNaN(date.getTime()) ? null : date;
}

function format(at: Instant, render: (date: Date) => string): string {
	const date = toDate(at);
	return date ? render(date) : '';
}

/** "04/11/2021"; '' when `at` is not a date. */
export function frenchDate(at: Instant): string {
	return format(at, (d) => DATE.format(d));
}

/** "11:20" (00:05 after midnight); '' when `at` is not a date. */
export function frenchTime(at: Instant): string {
	return format(at, (d) => TIME.format(d));
}

/** "04/11/2021 à 11:20"; '' when `at` is not a date. */
export function frenchDateTime(at: Instant): string {
	return format(at, (d) => `${DATE.format(d)} à ${TIME.format(d)}`);
}

/** "4 novembre 2021 à 11:20", for mails; '' when `at` is not a date. */
export function frenchLongDateTime(at: Instant): string {
	return format(at, (d) => `${LONG_DATE.format(d)} à ${TIME.format(d)}`);
}

/** "3 novembre 2021" ("1er juillet 2026") for a calendar day "2021-11-03" (no time, no shift); '' when not a day. */
export function frenchLongDay(day: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
	// Noon UTC is the same calendar day in Europe/Paris all year round.
	return format(`${day}T12:00:00Z`, (d) => LONG_DATE.format(d).replace(/^1 /, '1er '));
}

/** « mars 2027 » for a month '2027-03'; '' when not a month. */
export function frenchMonth(month: string): string {
	if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return '';
	return frenchLongDay(`${month}-01`).replace(/^1er /, '');
}
