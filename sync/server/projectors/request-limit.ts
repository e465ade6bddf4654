// How many numbered requests a household may make: each one is work and a mail for the service, so a
// runaway or malicious client cannot flood it (SYNC_SPEC S-PROJ-5).
import type { Db } from '../host';
import { DocRefused } from '../errors';

const DAY_MS = 24 * 3600_000;

export const TOO_MANY_REQUESTS =
	'Trop de demandes envoyées aujourd’hui depuis votre espace : réessayez demain ou contactez le service petite enfance.';

/**
 * Throws a per-document refusal when the household already made `cap` requests in the last 24 h
 * (config `requestsPerHouseholdPerDay`, env REQUESTS_PER_HOUSEHOLD_PER_DAY).
 */
export function checkRequestQuota(db: Db, householdId: string, now: number, cap: number): void {
	const since = new Date(now - DAY_MS).toISOString();
	const { n } = db
		.prepare('SELECT COUNT(*) AS n FROM requests WHERE household_id = ? AND submitted_at > ?')
		.get(householdId, since) as { n: number };
	if (n >= cap) throw new DocRefused('forbidden', TOO_MANY_REQUESTS);
}
