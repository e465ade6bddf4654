// The review of a household declaration (« Je vérifie que les données renseignées sont
// correctes »): label/value rows in French, shared by the wizard's review step and the conflict
// view. Pure functions.
import { MEMBER_ROLE_LABELS, type MemberRole } from './documents';
import { frenchDate } from './french-date';
import { AWAITING_SEND_LABEL, REQUEST_STATUS, type RequestStatus } from './request-status';

export interface SummaryRow {
	label: string;
	value: string;
}

export interface EntourageSummaryContext {
	/** The label of a vault piece (« Acte de naissance – Léa »); the id's absence: « Pièce jointe ». */
	pieceLabel?: (pieceId: string) => string | undefined;
}

/** A member as a draft holds it (any field may still be missing). */
export interface MemberLike {
	role?: string;
	civility?: string;
	lastName?: string;
	firstNames?: string;
	birthDate?: string;
	toBeBorn?: boolean;
	expectedBirthDate?: string;
	email?: string;
	phone?: string;
	relationship?: string;
	pieceIds?: string[];
}

const text = (s: unknown) => (typeof s === 'string' ? s.trim() : '');

export function roleLabel(role: unknown): string {
	return typeof role === 'string' && role in MEMBER_ROLE_LABELS
		? MEMBER_ROLE_LABELS[role as MemberRole]
		: 'Type à choisir';
}

/** « Léa MARTIN », « Enfant à naître MARTIN » for a child to be born without a first name yet. */
export function memberName(m: MemberLike): string {
	const first = text(m.firstNames) || (m.toBeBorn ? 'Enfant à naître' : '');
	const name = [first, text(m.lastName).toUpperCase()].filter(Boolean).join(' ');
	return name || 'Membre sans nom';
}

/** The rows of one member, in the order of the profile step. */
export function memberRows(m: MemberLike, ctx: EntourageSummaryContext = {}): SummaryRow[] {
	const rows: SummaryRow[] = [{ label: 'Type de membre', value: roleLabel(m.role) }];
	const add = (label: string, value: string) => {
		if (value) rows.push({ label, value });
	};
	add('Civilité', text(m.civility));
	add('Nom', text(m.lastName));
	add('Prénom(s)', text(m.firstNames));
	if (m.role === 'child' && m.toBeBorn) {
		rows.push({ label: 'Enfant à naître', value: 'Oui' });
		add('Date de naissance prévue', frenchDate(text(m.expectedBirthDate)));
	} else add('Date de naissance', frenchDate(text(m.birthDate)));
	add('Lien avec l’enfant', text(m.relationship));
	add('Courriel', text(m.email));
	add('Téléphone', text(m.phone));
	const pieces = (m.pieceIds ?? []).map((id) => ctx.pieceLabel?.(id) ?? 'Pièce jointe');
	rows.push({ label: 'Pièces jointes', value: pieces.length > 0 ? pieces.join(', ') : 'Aucune' });
	return rows;
}

/** Every member of the declaration, each introduced by « Membre N » and its name. */
export function summaryRows(
	doc: { members?: MemberLike[] },
	ctx: EntourageSummaryContext = {}
): SummaryRow[] {
	const members = doc.members ?? [];
	if (members.length === 0) return [{ label: 'Membres', value: 'Aucun membre déclaré' }];
	return members.flatMap((m, i) => [
		{ label: `Membre ${i + 1}`, value: memberName(m) },
		...memberRows(m, ctx)
	]);
}

export type MemberState = 'pending' | 'validated' | 'refused';

/**
 * The state of a declared member: the service's decision on that member when it made one
 * (svc:status `members`), else from its request's status.
 */
export function memberState(
	status: RequestStatus,
	decision?: { decision: MemberState } | null
): MemberState | null {
	if (decision?.decision === 'validated' || decision?.decision === 'refused')
		return decision.decision;
	switch (status) {
		case REQUEST_STATUS.submitted:
		case REQUEST_STATUS.inReview:
		case REQUEST_STATUS.piecesRequested:
		case REQUEST_STATUS.piecesReceived:
			return 'pending';
		case REQUEST_STATUS.complete:
			return 'validated';
		case REQUEST_STATUS.refused:
			return 'refused';
		default:
			return null; // classée sans suite: the member is no longer declared
	}
}

const STATE_LABELS: Record<MemberState, string> = {
	pending: 'En attente de validation',
	validated: 'Validé',
	refused: 'Refusé'
};

/** What the parent reads next to a member: « En attente d’envoi » until the request is numbered. */
export function memberStateLabel(m: { state: MemberState; requestNumber: number | null }): string {
	return m.requestNumber === null ? AWAITING_SEND_LABEL : STATE_LABELS[m.state];
}
