// The commission's calendar as the parent reads it (GET /api/commission, kept on the device):
// which session a request waits for, and when the family is asked to confirm its situation.
// Pure functions over the public data, the request's status and the service's messages.
import { REMINDER_DAYS, examinedBySession } from '$domain/commission';
import { frenchLongDay } from '$domain/french-date';
import { WAITING_REQUEST_STATUSES, type RequestStatus } from '$domain/request-status';

/** One session as GET /api/commission gives it (calendar days, Europe/Paris). */
export interface PublicSession {
	id: string;
	date: string;
	periodStart: string;
	periodEnd: string;
	/** 'planned' or 'closed'. */
	state: string;
}

export interface PublicCriterion {
	id: string;
	label: string;
	points: number;
}

/** The body of GET /api/commission. */
export interface CommissionInfo {
	sessions: PublicSession[];
	criteria: PublicCriterion[];
	gridVersion?: number;
	offerDeadlineDays?: number;
	graceHours?: number;
}

const byDate = (a: PublicSession, b: PublicSession) => a.date.localeCompare(b.date);

/** Planned sessions from `today` on (the session's own day included), soonest first. */
export function upcomingSessions(
	sessions: readonly PublicSession[],
	today: string
): PublicSession[] {
	return sessions.filter((s) => s.state === 'planned' && s.date >= today).sort(byDate);
}

/**
 * The session that will examine a request: the first to come that examines its wished date
 * (`examinedBySession`: in its period, or already past on its day), else the next one.
 */
export function nextSession(
	sessions: readonly PublicSession[],
	wishedDate: string | null,
	today: string
): PublicSession | null {
	const upcoming = upcomingSessions(sessions, today);
	return (
		upcoming.find((s) => !wishedDate || examinedBySession(wishedDate, s)) ?? upcoming[0] ?? null
	);
}

/** « 15 mars 2027 ». */
export const sessionLabel = (s: Pick<PublicSession, 'date'>) => frenchLongDay(s.date);

/** « du 1er avril 2027 au 30 juin 2027 »: the entry dates a session covers. */
export const periodLabel = (s: Pick<PublicSession, 'periodStart' | 'periodEnd'>) =>
	`du ${frenchLongDay(s.periodStart)} au ${frenchLongDay(s.periodEnd)}`;

/** How the service's reminder before a session is titled (« Commission du 15 mars 2027 : … »). */
export const REMINDER_TITLE = 'Commission du ';

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
	Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY);

export interface ConfirmationContext {
	requestId: string;
	status: string;
	wishedDate: string | null;
	sessions: readonly PublicSession[];
	/** The service's messages: its reminder is about the request (`subjectId`). */
	messages: readonly { subjectId?: string; title?: string }[];
	today: string;
	reminderDays?: number;
}

/**
 * The session the family is asked to confirm its situation for: a request still waiting for a
 * place, once the service sent its reminder about it or the session is within its reminder
 * window; null otherwise (or when no session is known on the device).
 */
export function confirmationDue(c: ConfirmationContext): PublicSession | null {
	if (!WAITING_REQUEST_STATUSES.includes(c.status as RequestStatus)) return null;
	const session = nextSession(c.sessions, c.wishedDate, c.today);
	if (!session) return null;
	const reminded = c.messages.some(
		(m) => m.subjectId === c.requestId && (m.title ?? '').startsWith(REMINDER_TITLE)
	);
	const within = daysBetween(c.today, session.date) <= (c.reminderDays ?? REMINDER_DAYS);
	return reminded || within ? session : null;
}
