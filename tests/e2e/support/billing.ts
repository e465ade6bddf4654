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
