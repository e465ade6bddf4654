import { describe, expect, it } from 'vitest';
import { classifyFailure, initialSyncState, transition, type SyncState } from './sync-status';

const running: SyncState = { ...initialSyncState, phase: 'syncing' };

describe('sync state machine', () => {
	it('goes from stopped to syncing on start, then up to date when caught up', () => {
		const started = transition(initialSyncState, { type: 'start' });
		expect(started.phase).toBe('syncing');
		const done = transition(started, { type: 'caught-up', at: 42 });
		expect(done).toEqual({ phase: 'up-to-date', attempt: 0, lastSuccessAt: 42, lastError: null });
	});

	it('counts consecutive failures and resets them on success', () => {
		let state = transition(running, { type: 'failed', error: 'boom' });
		state = transition(state, { type: 'failed', error: 'boom again' });
		expect(state).toMatchObject({ phase: 'error', attempt: 2, lastError: 'boom again' });
		state = transition(state, { type: 'caught-up', at: 7 });
		expect(state).toMatchObject({ phase: 'up-to-date', attempt: 0, lastError: null });
	});

	it('keeps asking for sign-in after a 401 until a new start', () => {
		let state = transition(running, { type: 'unauthorized' });
		for (const event of [
			{ type: 'active' },
			{ type: 'failed', error: 'x' },
			{ type: 'caught-up', at: 1 },
			{ type: 'offline' }
		] as const) {
			state = transition(state, event);
			expect(state.phase).toBe('auth-required');
		}
		expect(transition(state, { type: 'start' }).phase).toBe('syncing');
	});

	it('ignores late replication events after a stop but keeps the last success time', () => {
		const synced = transition(running, { type: 'caught-up', at: 99 });
		const stopped = transition(synced, { type: 'stop' });
		expect(stopped).toEqual({ ...initialSyncState, lastSuccessAt: 99 });
		expect(transition(stopped, { type: 'active' })).toBe(stopped);
	});

	it('shows offline without forgetting the retry count', () => {
		const failed = transition(running, { type: 'failed', error: 'x' });
		expect(transition(failed, { type: 'offline' })).toMatchObject({ phase: 'offline', attempt: 1 });
	});
});

describe('classifyFailure', () => {
	it('treats 401 as a sign-in request, no status as the network, others as server errors', () => {
		expect(classifyFailure({ status: 401, name: 'unauthorized' })).toBe('unauthorized');
		expect(classifyFailure(new TypeError('Failed to fetch'))).toBe('network');
		expect(classifyFailure({ status: 0 })).toBe('network');
		expect(classifyFailure({ status: 500 })).toBe('server');
		expect(classifyFailure({ status: 403 })).toBe('server');
		expect(classifyFailure(null)).toBe('network');
	});
});
