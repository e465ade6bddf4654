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
 * numbered yet) a member is pending; a cancelled request's members are left out.
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
			const state = status ? memberState(status.status) : 'pending';
			if (state === null) return [];
			return ((doc.members ?? []) as Record<string, unknown>[]).map((m) => {
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
				if (status?.reason) member.reason = status.reason;
				return member;
			});
		});
}
