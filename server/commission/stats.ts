// Figures per closed session (GET …/commission/stats and stats.csv): requests examined, places
// freed, places offered (at the close and later from its waiting lists), places accepted, and the
// median wait — days from a request's submission to the place offered, over the session's offers.
import { frenchLongDay } from '../../src/lib/domain/french-date';
import type { Db } from '../db';
import { CSV_BOM, csvLine } from '../desk/requests-csv';

export interface SessionStats {
	sessionId: string;
	date: string;
	requests: number;
	places: number;
	offers: number;
	acceptances: number;
	/** null when the session offered no place. */
	medianWaitDays: number | null;
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function commissionStats(db: Db): SessionStats[] {
	const sessions = db
		.prepare("SELECT id, date FROM commission_sessions WHERE state = 'closed' ORDER BY date")
		.all() as { id: string; date: string }[];
	const count = db.prepare('SELECT COUNT(*) AS n FROM commission_decisions WHERE session_id = ?');
	const places = db.prepare(
		'SELECT COALESCE(SUM(places), 0) AS n FROM commission_capacities WHERE session_id = ?'
	);
	const offers = db.prepare(
		`SELECT o.state, o.offered_at, r.submitted_at FROM offers o JOIN requests r ON r.id = o.request_id
		 WHERE o.session_id = ?`
	);
	return sessions.map((s) => {
		const rows = offers.all(s.id) as { state: string; offered_at: number; submitted_at: string }[];
		const waits = rows.map((o) =>
			Math.max(0, Math.round((o.offered_at - Date.parse(o.submitted_at)) / DAY_MS))
		);
		return {
			sessionId: s.id,
			date: s.date,
			requests: (count.get(s.id) as { n: number }).n,
			places: (places.get(s.id) as { n: number }).n,
			offers: rows.length,
			acceptances: rows.filter((o) => o.state === 'accepted').length,
			medianWaitDays: median(waits)
		};
	});
}

export const STATS_CSV_HEADERS = [
	'Commission',
	'Demandes examinées',
	'Places',
	'Places proposées',
	'Places acceptées',
	'Attente médiane (jours)'
];

export function statsCsv(items: readonly SessionStats[]): string {
	return (
		CSV_BOM +
		csvLine(STATS_CSV_HEADERS) +
		items
			.map((s) =>
				csvLine([
					frenchLongDay(s.date),
					s.requests,
					s.places,
					s.offers,
					s.acceptances,
					s.medianWaitDays === null ? '' : String(s.medianWaitDays).replace('.', ',')
				])
			)
			.join('')
	);
}
