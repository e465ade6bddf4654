// Typed client of the PSU scale and the service's identity on the staff desk
// (/api/agent/billing/scale…, /api/agent/billing/settings; contracts11.md). Every call resolves to
// an ApiResult whose error is a French sentence.
import { apiRequest } from '../api';
import type { ChildBracket } from '$domain/tariff';
import type { BillingParameterName, BillingSettings } from '$domain/tariff-admin';

interface Who {
	/** ISO instant; null for the reference's seeded values. */
	createdAt: string | null;
	createdBy: string | null;
}

export interface StaffScale {
	effortRates: ({ effectiveFrom: string; ratesPpm: Record<ChildBracket, number> } & Who)[];
	bounds: ({
		effectiveFrom: string;
		floorCents: number;
		ceilingCents: number;
		note: string | null;
	} & Who)[];
	parameters: ({
		name: BillingParameterName;
		label: string;
		effectiveFrom: string;
		value: number;
	} & Who)[];
	defaults: { weeksPerYear: number };
	lastInvoicedMonth: string | null;
	canEdit: boolean;
}

const BASE = '/agent/billing';

export const billingScaleApi = {
	scale: () => apiRequest<StaffScale>('GET', `${BASE}/scale`),
	addRates: (input: { effectiveFrom: string; rates: Record<string, string> }) =>
		apiRequest<unknown>('POST', `${BASE}/scale/effort-rates`, input),
	addBounds: (input: { effectiveFrom: string; floor: string; ceiling: string; note: string }) =>
		apiRequest<unknown>('POST', `${BASE}/scale/bounds`, input),
	addParameter: (input: { name: string; effectiveFrom: string; value: string }) =>
		apiRequest<unknown>('POST', `${BASE}/scale/parameters`, input),
	settings: () => apiRequest<BillingSettings>('GET', `${BASE}/settings`),
	saveSettings: (input: BillingSettings) =>
		apiRequest<BillingSettings>('PUT', `${BASE}/settings`, input)
};
