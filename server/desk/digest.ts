// The service's daily digest (setting serviceMail = 'digest'): every day from 07:00 Europe/Paris,
// one mail to SERVICE_EMAIL listing the requests submitted since the last digest (none → no mail).
// The day of the last digest is stored with the mail's outbox row in one transaction, so it goes
// exactly once a day, restarts included; a server down at 07:00 sends it when it is back.
import type { Clock } from '../clock';
import type { Db } from '../db';
import { enqueueMail } from '../mail/outbox';
import { dailyDigestServiceMail } from '../mail/templates';
import { familyName, requestTypeLabel } from './events';
import { deskRequestsUrl, type NotifyConfig } from './notify-settings';

export const DIGEST_HOUR = 7;
const LAST_DIGEST_KEY = 'notifications.lastDigestDay';

const PARIS = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Paris',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	hourCycle: 'h23'
});

/** The service's calendar day (YYYY-MM-DD) and hour at `now`. */
export function parisDayAndHour(now: number): { day: string; hour: number } {
	const parts = Object.fromEntries(PARIS.formatToParts(now).map((p) => [p.type, p.value]));
	return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

export type DigestOutcome = 'not-yet' | 'already-sent' | 'nothing-new' | 'sent';

/** Sends today's digest if it is due and not sent yet. Returns what happened. */
export function runDailyDigest(db: Db, config: NotifyConfig, now: number): DigestOutcome {
	const { day, hour } = parisDayAndHour(now);
	if (hour < DIGEST_HOUR) return 'not-yet';
	return db.transaction((): DigestOutcome => {
		const last = db.prepare('SELECT value FROM settings WHERE key = ?').get(LAST_DIGEST_KEY) as
			{ value: string } | undefined;
		if (last && last.value >= day) return 'already-sent';
		db.prepare(
			'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
		).run(LAST_DIGEST_KEY, day);
		const rows = db
			.prepare(
				`SELECT q.event_id, e.number, e.at, r.type, r.household_id FROM digest_queue q
				 JOIN request_events e ON e.id = q.event_id JOIN requests r ON r.id = e.request_id
				 ORDER BY q.event_id`
			)
			.all() as {
			event_id: number;
			number: number;
			at: number;
			type: string;
			household_id: string;
		}[];
		if (rows.length === 0) return 'nothing-new';
		enqueueMail(
			db,
			dailyDigestServiceMail(
				config.serviceEmail,
				rows.map((r) => ({
					number: r.number,
					typeLabel: requestTypeLabel(r.type),
					at: r.at,
					family: familyName(db, r.household_id)
				})),
				now,
				deskRequestsUrl(config)
			),
			now
		);
		db.prepare('DELETE FROM digest_queue WHERE event_id <= ?').run(rows.at(-1)!.event_id);
		return 'sent';
	})();
}

export interface DailyDigestJob {
	/** Runs the check now (the timer calls it every minute). */
	tick(): DigestOutcome;
	stop(): void;
}

/** Checks once a minute, by the clock, whether the day's digest is due. */
export function startDailyDigest(
	db: Db,
	config: NotifyConfig,
	clock: Clock,
	{ kick = () => {}, intervalMs = 60_000 }: { kick?: () => void; intervalMs?: number } = {}
): DailyDigestJob {
	const tick = () => {
		const outcome = runDailyDigest(db, config, clock.now());
		if (outcome === 'sent') kick();
		return outcome;
	};
	const timer = setInterval(() => {
		try {
			tick();
		} catch (error) {
			console.error('[digest] daily digest failed', error);
		}
	}, intervalMs);
	timer.unref();
	return { tick, stop: () => clearInterval(timer) };
}
