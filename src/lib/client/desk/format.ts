// How the staff desk writes people, addresses, sizes and dates (Europe/Paris, from
// $domain/french-date) in its tables and on a request's page.
import { nextCommission } from '$domain/commission';
import { frenchDate, frenchDateTime } from '$domain/french-date';
import type { Address, DeclaredMember, MemberDecision, PersonName, RequestDetail } from './types';

/** « DURAND Marie » — the family name first, as the service files it. */
export function personName(person: PersonName | null | undefined): string {
	if (!person) return '';
	const last = person.lastName.trim().toLocaleUpperCase('fr-FR');
	return [last, person.firstNames.trim()].filter(Boolean).join(' ');
}

/** The people a request is about, « DURAND Léa, DURAND Tom »; « — » when none. */
export function peopleLine(people: readonly PersonName[]): string {
	const names = people.map(personName).filter(Boolean);
	return names.length > 0 ? names.join(', ') : '—';
}

/** An address as lines: « 12 rue des Lilas », « Bât. B, appt 4 », « 38200 Vienne ». */
export function addressLines(address: Address | null | undefined): string[] {
	if (!address) return [];
	const join = (...parts: (string | null)[]) =>
		parts
			.map((p) => p?.trim())
			.filter(Boolean)
			.join(' ');
	const building = [
		address.building?.trim() ? `Bât. ${address.building.trim()}` : '',
		address.apartment?.trim() ? `appt ${address.apartment.trim()}` : ''
	]
		.filter(Boolean)
		.join(', ');
	return [
		join(address.number, address.street),
		building,
		address.complement?.trim() ?? '',
		join(address.postalCode, address.city)
	].filter(Boolean);
}

/** « 1,2 Mo », « 350 ko » (for a document's download link). */
export function fileSize(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '';
	if (bytes < 1024) return `${bytes} o`;
	const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
	if (bytes < 1024 * 1024) return `${fr(Math.round(bytes / 1024))} ko`;
	return `${fr(Math.round((bytes / (1024 * 1024)) * 10) / 10)} Mo`;
}

/** « 04/11/2026 » for a day stored as 'YYYY-MM-DD' (no time-zone shift), '' when absent. */
export function dayLabel(day: string | null | undefined): string {
	if (!day) return '';
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	return match ? `${match[3]}/${match[2]}/${match[1]}` : frenchDate(day);
}

/** « 04/11/2026 à 11:20 », Europe/Paris. */
export const dateTime = (at: string) => frenchDateTime(at);

/** How a document is shown inline: an image, a PDF, or only a download link. */
export function viewerKind(contentType: string): 'image' | 'pdf' | 'none' {
	const type = contentType.toLowerCase();
	if (type.startsWith('image/')) return 'image';
	if (type === 'application/pdf') return 'pdf';
	return 'none';
}

/** The child line of a request: name and birth date, or the expected date of birth. */
export function childLine(child: RequestDetail['child']): string {
	if (!child) return '';
	if (child.birthDate) return `${personName(child)}, né(e) le ${dayLabel(child.birthDate)}`;
	if (child.expectedDate)
		return `${personName(child) || 'Enfant à naître'}, naissance prévue le ${dayLabel(child.expectedDate)}`;
	return personName(child);
}

/** « (3) Espace agent – Demandes »: the tab title says how many requests wait, then where. */
export function deskTitle(count: number | null, page?: string): string {
	const title = count ? `(${count}) Espace agent` : 'Espace agent';
	return page ? `${title} – ${page}` : title;
}

/** The commission sessions the list can filter on: a year back to a year ahead of `now`. */
export function commissionChoices(now: Date = new Date()): { value: string; label: string }[] {
	const seen = new Map<string, string>();
	for (let offset = -13; offset <= 12; offset += 1) {
		const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 15));
		const session = nextCommission(at);
		seen.set(`${session.year}-${String(session.month).padStart(2, '0')}`, session.label);
	}
	return [...seen].map(([value, label]) => ({ value, label }));
}

const DECISION_LABELS: Record<MemberDecision, string> = {
	pending: 'À examiner',
	validated: 'Validé',
	refused: 'Refusé'
};

/** The service's decision on a declared member: « Refusé — motif : … » for a refusal. */
export function decisionLabel(m: Pick<DeclaredMember, 'decision' | 'reason'>): string {
	const label = DECISION_LABELS[m.decision] ?? m.decision;
	return m.decision === 'refused' && m.reason ? `${label} — motif : ${m.reason}` : label;
}
