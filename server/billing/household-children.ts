// The children of a household as the desk may put them under contract: those of the household file
// (validated members) and those declared in a submitted entourage declaration not refused by an
// agent (the same reading as the commission's, src/lib/domain/preinscription-rules.ts).
import { declaredChildren } from '../../src/lib/domain/preinscription-rules';
import type { Db } from '../db';
import { readHouseholdDocs } from '../../sync/server/household-read';

export interface HouseholdChild {
	id: string;
	name: string;
	birthDate: string | null;
}

const fullName = (first: unknown, last: unknown) =>
	`${typeof first === 'string' ? first : ''} ${typeof last === 'string' ? last : ''}`.trim() ||
	'Enfant';

export function householdChildren(db: Db, householdId: string): HouseholdChild[] {
	const out = new Map<string, HouseholdChild>();
	const filed = db
		.prepare(
			`SELECT member_id, first_names, last_name, birth_date FROM household_members
			 WHERE household_id = ? AND role = 'child' ORDER BY birth_date, member_id`
		)
		.all(householdId) as {
		member_id: string;
		first_names: string;
		last_name: string;
		birth_date: string | null;
	}[];
	for (const m of filed)
		out.set(m.member_id, {
			id: m.member_id,
			name: fullName(m.first_names, m.last_name),
			birthDate: m.birth_date
		});

	const refused = new Set(
		db
			.prepare(
				`SELECT d.member_id FROM member_decisions d JOIN requests r ON r.id = d.request_id
				 WHERE r.household_id = ? AND d.decision = 'refused'`
			)
			.pluck()
			.all(householdId) as string[]
	);
	const docs = readHouseholdDocs(db, householdId, 'entourage:').map((d) => d.body);
	const names = new Map<string, string>();
	for (const doc of docs)
		if (Array.isArray(doc.members))
			for (const m of doc.members as Record<string, unknown>[])
				if (m && typeof m.id === 'string') names.set(m.id, fullName(m.firstNames, m.lastName));
	for (const child of declaredChildren(docs)) {
		if (out.has(child.id) || refused.has(child.id) || child.toBeBorn) continue;
		out.set(child.id, {
			id: child.id,
			name: names.get(child.id) ?? 'Enfant',
			birthDate: child.birthDate ?? null
		});
	}
	return [...out.values()];
}
