// Helpers of the billing journeys: a month no other journey bills, and the desk's one-run-at-a-
// time rule (a run of another journey may be issuing: the agent waits for it, as the desk says).
import { expect, type Page } from '@playwright/test';

export interface OwnMonth {
	/** 'YYYY-MM'. */
	month: string;
	start: string;
	end: string;
	/** As the desk and the family read it: « mars 2024 ». */
	label: string;
}

/**
 * A random month of the given years (each journey draws from years of its own, so no other
 * journey issues that month; the scale is seeded from 2019-09).
 */
export function ownMonth(years: number[]): OwnMonth {
	const year = years[Math.floor(Math.random() * years.length)]!;
	const m = 1 + Math.floor(Math.random() * 12);
	const month = `${year}-${String(m).padStart(2, '0')}`;
	const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
	const name = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(
		new Date(Date.UTC(year, m - 1, 15))
	);
	return { month, start: `${month}-01`, end: `${month}-${last}`, label: `${name} ${year}` };
}

/** Resolves once no invoice run is issuing (another journey's run ends within seconds). */
export async function noRunIssuing(agent: Page, timeout = 60_000): Promise<void> {
	await expect
		.poll(
			async () => {
				const runs = (await (await agent.request.get('/api/agent/billing/runs')).json()) as {
					items: { status: string }[];
				};
				return runs.items.some((r) => r.status === 'running');
			},
			{ timeout }
		)
		.toBe(false);
}

/** The terms an agent types for a contract (euros and decimal hours, as the API takes them). */
export interface ContractTerms {
	hoursPerWeek: number;
	daysPerWeek: number;
	weeksPerYear: number;
	monthsBilled: number;
	monthlyResources: number | null;
	resourcesSource: 'caf' | 'tax_notice' | 'none';
	resourcesDate?: string;
	dependentChildren: number;
	aeehChildren: number;
}

/**
 * The agent enters, through the desk's API, a contract for the family's declared child (found by
 * the parent's e-mail) covering `own`'s month. Resolves to the contract and the child.
 */
export async function deskContractFor(
	agent: Page,
	email: string,
	own: OwnMonth,
	terms: ContractTerms
): Promise<{ contractId: string; child: { id: string; name: string } }> {
	const families = await agent.request.get(
		`/api/agent/billing/families?q=${encodeURIComponent(email)}`
	);
	expect(families.ok(), await families.text()).toBe(true);
	const family = (await families.json()).items[0];
	const child = family.children[0] as { id: string; name: string };
	const structures = (await (await agent.request.get('/api/structures')).json()).structures;
	const created = await agent.request.post('/api/agent/billing/contracts', {
		data: {
			householdId: family.householdId,
			childId: child.id,
			structureId: structures[0].id,
			startDate: own.start,
			endDate: own.end,
			terms
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	return { contractId: (await created.json()).id as string, child };
}
