// The sync controller's state machine, kept pure so every transition is unit-tested.
// A 401 ("auth-required") is sticky: only a new sign-in (start) or a sign-out (stop) leaves it,
// so an expired session never loops against the server.

export type SyncPhase =
	'stopped' | 'offline' | 'syncing' | 'up-to-date' | 'error' | 'auth-required';

export interface SyncState {
	phase: SyncPhase;
	/** Consecutive failed attempts, drives the backoff; reset by a success. */
	attempt: number;
	/** Epoch ms of the last moment both directions were caught up. */
	lastSuccessAt: number | null;
	lastError: string | null;
}

export type SyncEvent =
	| { type: 'start' }
	| { type: 'stop' }
	| { type: 'offline' }
	| { type: 'active' }
	| { type: 'caught-up'; at: number }
	| { type: 'failed'; error: string }
	| { type: 'unauthorized' };

export const initialSyncState: SyncState = {
	phase: 'stopped',
	attempt: 0,
	lastSuccessAt: null,
	lastError: null
};

export function transition(state: SyncState, event: SyncEvent): SyncState {
	if (event.type === 'stop') return { ...initialSyncState, lastSuccessAt: state.lastSuccessAt };
	if (event.type === 'start') return { ...state, phase: 'syncing', lastError: null };
	// Events of a replication that outlived a stop or a 401 change nothing.
	if (state.phase === 'stopped' || state.phase === 'auth-required') return state;
	switch (event.type) {
		case 'offline':
			return { ...state, phase: 'offline' };
		case 'active':
			return { ...state, phase: 'syncing' };
		case 'caught-up':
			return {
				...state,
				phase: 'up-to-date',
				attempt: 0,
				lastSuccessAt: event.at,
				lastError: null
			};
		case 'failed':
			return { ...state, phase: 'error', attempt: state.attempt + 1, lastError: event.error };
		case 'unauthorized':
			return { ...state, phase: 'auth-required', lastError: null };
	}
}

export type FailureKind = 'unauthorized' | 'network' | 'server';

/** Sorts a replication error: 401 asks for sign-in, no status means the network, else server. */
export function classifyFailure(error: unknown): FailureKind {
	const status = readStatus(error);
	if (status === 401) return 'unauthorized';
	if (status === undefined || status === 0) return 'network';
	return 'server';
}

function readStatus(error: unknown): number | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const status = (error as { status?: unknown }).status;
	return typeof status === 'number' ? status : undefined;
}
