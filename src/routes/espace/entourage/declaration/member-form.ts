// A member as the wizard's fields hold it (every text a string) and as the draft stores it (only
// the fields of its kind, no empty strings).
import { MEMBER_ROLES, type MemberRole } from '$domain/documents';

export interface MemberForm {
	id: string;
	role: MemberRole | '';
	civility: string;
	lastName: string;
	firstNames: string;
	birthDate: string;
	toBeBorn: boolean;
	expectedBirthDate: string;
	email: string;
	phone: string;
	relationship: string;
	pieceIds: string[];
}

const TEXT_FIELDS = [
	'civility',
	'lastName',
	'firstNames',
	'birthDate',
	'expectedBirthDate',
	'email',
	'phone',
	'relationship'
] as const;

const str = (s: unknown) => (typeof s === 'string' ? s : '');

/** A stored member (any shape) as the fields show it. */
export function fill(stored: Record<string, unknown>): MemberForm {
	const role = MEMBER_ROLES.find((r) => r === stored.role) ?? '';
	const form = { id: str(stored.id), role, toBeBorn: stored.toBeBorn === true } as MemberForm;
	for (const key of TEXT_FIELDS) form[key] = str(stored[key]);
	form.pieceIds = Array.isArray(stored.pieceIds)
		? stored.pieceIds.filter((p) => typeof p === 'string')
		: [];
	return form;
}

const FIELDS_OF: Record<MemberRole, readonly (typeof TEXT_FIELDS)[number][]> = {
	coRepresentative: ['civility', 'lastName', 'firstNames', 'birthDate', 'email', 'phone'],
	child: ['lastName', 'firstNames', 'birthDate', 'expectedBirthDate'],
	contact: ['lastName', 'firstNames', 'relationship', 'phone', 'email']
};

/** What the draft stores: the fields of the member's kind that are filled in. */
export function clean(m: MemberForm): Record<string, unknown> {
	const out: Record<string, unknown> = { id: m.id };
	if (!m.role) return out;
	out.role = m.role;
	const unborn = m.role === 'child' && m.toBeBorn;
	if (unborn) out.toBeBorn = true;
	for (const key of FIELDS_OF[m.role]) {
		if (key === (unborn ? 'birthDate' : 'expectedBirthDate') && m.role === 'child') continue;
		const value = m[key].trim();
		if (value) out[key] = value;
	}
	if (m.pieceIds.length > 0) out.pieceIds = [...m.pieceIds];
	return out;
}

export function newMember(): MemberForm {
	return fill({ id: crypto.randomUUID() });
}
