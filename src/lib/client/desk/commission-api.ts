// Typed client of the commission's staff API (/api/agent/commission/*, contracts10.md). Every
// call resolves to an ApiResult (never throws) whose error is a French sentence.
import { apiRequest } from '../api';
import type {
	AdjustmentInput,
	CloseResult,
	CommissionSession,
	CommissionSettings,
	Grid,
	GridInput,
	SessionFiles,
	SessionInput,
	SessionStats,
	StructureCapacity
} from './commission-types';

const BASE = '/agent/commission';
const sessionPath = (id: string) => `${BASE}/sessions/${encodeURIComponent(id)}`;

export const commissionApi = {
	sessions: () => apiRequest<{ items: CommissionSession[] }>('GET', `${BASE}/sessions`),
	createSession: (input: SessionInput) =>
		apiRequest<{ session: CommissionSession }>('POST', `${BASE}/sessions`, input),
	updateSession: (id: string, input: SessionInput) =>
		apiRequest<{ session: CommissionSession }>('PUT', sessionPath(id), input),
	deleteSession: (id: string) => apiRequest<null>('DELETE', sessionPath(id)),
	planYear: (year: number) =>
		apiRequest<{ items: CommissionSession[] }>('POST', `${BASE}/sessions/plan-year`, { year }),
	settings: () => apiRequest<CommissionSettings>('GET', `${BASE}/settings`),
	saveSettings: (input: CommissionSettings) =>
		apiRequest<CommissionSettings>('PUT', `${BASE}/settings`, input),
	grid: () => apiRequest<Grid>('GET', `${BASE}/grid`),
	saveGrid: (input: GridInput) => apiRequest<Grid>('PUT', `${BASE}/grid`, input),
	capacities: (id: string) =>
		apiRequest<{ items: StructureCapacity[] }>('GET', `${sessionPath(id)}/capacities`),
	saveCapacities: (id: string, items: StructureCapacity[]) =>
		apiRequest<{ items: StructureCapacity[] }>('PUT', `${sessionPath(id)}/capacities`, {
			items
		}),
	files: (id: string) => apiRequest<SessionFiles>('GET', `${sessionPath(id)}/files`),
	adjust: (id: string, number: number, input: AdjustmentInput) =>
		apiRequest<SessionFiles>('PUT', `${sessionPath(id)}/adjustments/${number}`, input),
	unadjust: (id: string, number: number) =>
		apiRequest<SessionFiles>('DELETE', `${sessionPath(id)}/adjustments/${number}`),
	check: (number: number, criterionId: string, met: boolean) =>
		apiRequest<{ checks: Record<string, boolean> }>(
			'PUT',
			`${BASE}/requests/${number}/checks/${encodeURIComponent(criterionId)}`,
			{ met }
		),
	close: (id: string, members: string) =>
		apiRequest<CloseResult>('POST', `${sessionPath(id)}/close`, { members }),
	stats: () => apiRequest<{ items: SessionStats[] }>('GET', `${BASE}/stats`)
};

/** Links the browser opens itself (PDF, CSV). */
export const commissionLinks = {
	minutes: (id: string, anonymised = false) =>
		`/api${sessionPath(id)}/minutes.pdf${anonymised ? '?public=1' : ''}`,
	statsCsv: () => `/api${BASE}/stats.csv`
};
