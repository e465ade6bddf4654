// The household as the parent declared it: the members of submitted declarations (entourage
// documents), each with the state of its request (svc:status). Read by « Mon entourage » and by
// the crèche pre-registration (the child is chosen among the declared children).
import type { MemberRole } from '../../domain/documents';
import { memberState, type MemberState } from '../../domain/entourage-summary';
import { statusDocId } from '../../domain/service-documents';
import type { EntourageDocument } from './entourage.service';
import type { RequestStatusDoc } from './service-docs.service';

const str = (s: unknown) => (typeof s === 'string' ? s : '');

export interface DeclaredMember {
	/** The member's uuid (what a preinscription's `childId` names). */
	id: string;
	role: MemberRole;
	firstNames: string;
	lastName: string;
	birthDate?: string;
	expectedBirthDate?: string;
	toBeBorn?: boolean;
	relationship?: string;
	/** The entourage document the member was declared in. */
	requestId: string;
	state: MemberState;
	/** The request's number; null while the declaration waits to be sent (« En attente d’envoi »). */
	requestNumber: number | null;
	/** The service's French reason when the request was refused. */
	reason?: string;
}

/**
 * Members of the SUBMITTED declarations, most recent declaration first. Without a status (not
 * numbered yet) a member is pending; the service's decision on a member (svc:status `members`)
 * comes before its request's status; a cancelled request's undecided members are left out.
 */
export function declaredMembers(
	docs: EntourageDocument[],
	statuses: RequestStatusDoc[] = []
): DeclaredMember[] {
	const byId = new Map(statuses.map((s) => [s._id, s]));
	return docs
		.filter((doc) => doc.state === 'submitted')
		.flatMap((doc) => {
			const status = byId.get(statusDocId(doc._id));
			return ((doc.members ?? []) as Record<string, unknown>[]).flatMap((m) => {
				const decision = status?.members?.[String(m.id)];
				const state = status ? memberState(status.status, decision) : 'pending';
				if (state === null) return [];
				const member: DeclaredMember = {
					id: String(m.id),
					role: m.role as MemberRole,
					firstNames: str(m.firstNames),
					lastName: str(m.lastName),
					requestId: doc._id,
					state,
					requestNumber: status?.requestNumber ?? null
				};
				if (m.toBeBorn === true) {
					member.toBeBorn = true;
					member.expectedBirthDate = str(m.expectedBirthDate);
				} else if (m.birthDate) member.birthDate = str(m.birthDate);
				if (m.relationship) member.relationship = str(m.relationship);
				// The reason of the member's own refusal; a validated member has none; else the request's.
				const own = decision?.decision;
				const reason =
					own === 'refused' ? decision?.reason : own === 'validated' ? undefined : status?.reason;
				if (reason) member.reason = reason;
				return [member];
			});
		});
}

/**
 * The children a pre-registration may name: validated by the service, or declared in a submitted
 * declaration still waiting for its decision; a refused child is not offered.
 */
export function selectableChildren(members: DeclaredMember[]): DeclaredMember[] {
	return members.filter((m) => m.role === 'child' && m.state !== 'refused');
}
