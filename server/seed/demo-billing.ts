// Demo data (`npm start`): the demo family's child has a crèche contract with its terms, so the
// desk's billing shows a contract to invoice. Idempotent: a contract already there (the commission's
// or this one) only gets terms when it has none.
import { todayInParis } from '../../src/lib/domain/validation';
import type { Db } from '../db';
import { addTerms, createDeskContract } from '../billing/contract-writes';
import { loadRun, startRun } from '../billing/run';
import type { AppDeps } from '../http/env';
import { DEMO_CHILD_ID } from './demo-household';
import { DEMO_ACCOUNTS } from './seed';

export const DEMO_TERMS = {
	hoursPerWeek: 40,
	daysPerWeek: 5,
	weeksPerYear: 47,
	monthsBilled: 12,
	monthlyResources: 3000,
	resourcesSource: 'caf' as const,
	dependentChildren: 2,
	aeehChildren: 0
};

/** The 1st of the month before `today`'s ('YYYY-MM-DD'). */
function firstOfPreviousMonth(today: string): string {
	const [y, m] = today.split('-').map(Number);
	return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

export function seedDemoBilling(db: Db, now: number): void {
	const householdId = db
		.prepare("SELECT household_id FROM users WHERE username = ? AND role = 'parent'")
		.pluck()
		.get(DEMO_ACCOUNTS.parent.username) as string | null | undefined;
	if (!householdId) return;
	const contract = db
		.prepare(
			`SELECT c.id, (SELECT COUNT(*) FROM contract_terms t WHERE t.contract_id = c.id) AS terms
			 FROM contracts c WHERE c.household_id = ? ORDER BY c.created_at LIMIT 1`
		)
		.get(householdId) as { id: string; terms: number } | undefined;
	const start = firstOfPreviousMonth(todayInParis(new Date(now)));
	const terms = { ...DEMO_TERMS, resourcesDate: start };
	if (!contract) {
		createDeskContract(
			db,
			{
				householdId,
				childId: DEMO_CHILD_ID,
				structureId: 'cocon-de-soie',
				startDate: start,
				terms
			},
			null,
			now
		);
	} else if (contract.terms === 0) addTerms(db, contract.id, terms, null, now);
}

/**
 * A fresh demo database: the month before today is issued (the demo family has an invoice to read
 * and to pay through the PayFiP simulator). Resolves once the run is done (one invoice).
 */
export async function issueDemoMonth(deps: AppDeps): Promise<void> {
	const month = firstOfPreviousMonth(todayInParis(new Date(deps.clock.now()))).slice(0, 7);
	const id = await startRun(deps, month, null);
	for (let waited = 0; waited < 30_000 && loadRun(deps.db, id)?.status === 'running'; waited += 20)
		await new Promise((resolve) => setTimeout(resolve, 20));
}
