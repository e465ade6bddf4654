// Typed client of the desk's billing contracts and month entries (/api/agent/billing/contracts,
// /families, /entries; contracts11.md). Every call resolves to an ApiResult, never throws.
import { apiRequest } from '../api';
import type { EntryKindValue, ResourcesSourceValue } from '$lib/domain/contract-terms';

export interface BillingTerms {
	id: number;
	effectiveFrom: string;
	hoursPerWeek: number;
	minutesPerWeek: number;
	daysPerWeek: number;
	weeksPerYear: number;
	monthsBilled: number;
	monthlyResourcesCents: number | null;
	resourcesSource: ResourcesSourceValue | null;
	resourcesDate: string | null;
	dependentChildren: number;
	aeehChildren: number;
	reason: string | null;
	createdAt: string;
	createdBy: string | null;
}

export interface BillingContractSummary {
	id: string;
	origin: 'commission' | 'desk';
	child: { id: string; name: string; birthDate: string | null };
	family: { lastName: string; firstNames: string };
	householdId: string;
	structureId: string;
	structureName: string;
	startDate: string;
	endDate: string | null;
	status: 'Admis' | 'Terminé';
	terms: BillingTerms | null;
	anomalies: string[];
}

export interface BillingEntryView {
	id: string;
	contractId: string;
	month: string;
	kind: EntryKindValue;
	hours: number | null;
	days: number | null;
	note: string | null;
	createdAt: string;
	createdBy: string | null;
}

export interface BillingContractDetail extends Omit<BillingContractSummary, 'terms'> {
	terms: BillingTerms[];
	currentTerms: BillingTerms | null;
	entries: BillingEntryView[];
	invoicedMonths: string[];
}

export interface BillingFamily {
	householdId: string;
	lastName: string;
	firstNames: string;
	email: string;
	children: { id: string; name: string; birthDate: string | null }[];
}

export interface TermsBody {
	effectiveFrom?: string;
	hoursPerWeek: number;
	daysPerWeek: number;
	weeksPerYear: number;
	monthsBilled: number;
	monthlyResources: number | null;
	resourcesSource: ResourcesSourceValue;
	resourcesDate?: string;
	dependentChildren: number;
	aeehChildren: number;
	endDate?: string;
	reason?: string;
}

export interface MonthEntries {
	month: string;
	illnessWaitingDays: number;
	contracts: {
		id: string;
		childName: string;
		family: { lastName: string; firstNames: string };
		structureId: string;
		structureName: string;
		startDate: string;
		endDate: string | null;
		hasTerms: boolean;
		invoiced: boolean;
		entries: BillingEntryView[];
	}[];
}

const BASE = '/agent/billing';
const query = (params: Record<string, string | undefined>) => {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
	const s = q.toString();
	return s ? `?${s}` : '';
};
const contractPath = (id: string) => `${BASE}/contracts/${encodeURIComponent(id)}`;

export const contractsApi = {
	list: (filter: { structure?: string; q?: string; status?: string } = {}) =>
		apiRequest<{ items: BillingContractSummary[] }>('GET', `${BASE}/contracts${query(filter)}`),
	detail: (id: string) => apiRequest<BillingContractDetail>('GET', contractPath(id)),
	families: (q: string) =>
		apiRequest<{ items: BillingFamily[] }>('GET', `${BASE}/families${query({ q })}`),
	create: (body: {
		householdId: string;
		childId: string;
		structureId: string;
		startDate: string;
		endDate?: string;
		terms: TermsBody;
	}) => apiRequest<{ id: string }>('POST', `${BASE}/contracts`, body),
	addTerms: (id: string, body: TermsBody) =>
		apiRequest<{ id: number; amendment: boolean }>('POST', `${contractPath(id)}/terms`, body),
	end: (id: string, body: { endDate: string; reason: string }) =>
		apiRequest<BillingContractDetail>('POST', `${contractPath(id)}/end`, body),
	entries: (month: string, structure?: string) =>
		apiRequest<MonthEntries>('GET', `${BASE}/entries${query({ month, structure })}`),
	addEntry: (body: {
		contractId: string;
		month: string;
		kind: EntryKindValue;
		hours?: number;
		days?: number;
		note?: string;
	}) => apiRequest<{ entry: BillingEntryView }>('POST', `${BASE}/entries`, body),
	deleteEntry: (id: string) =>
		apiRequest<null>('DELETE', `${BASE}/entries/${encodeURIComponent(id)}`)
};
