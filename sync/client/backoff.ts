// Retry schedule of the sync controller: exponential with jitter so many phones coming back
// online at once (end of a commission, a network outage) do not hit the server in step.

export interface BackoffOptions {
	/** Delay before the first retry, in ms. */
	baseMs?: number;
	/** Longest wait between two attempts, in ms. */
	maxMs?: number;
}

const DEFAULT_BASE_MS = 2_000;
const DEFAULT_MAX_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (1 for the first retry). The result lies between half and
 * all of the exponential step, so the wait keeps growing while still spreading clients apart.
 */
export function backoffDelay(
	attempt: number,
	random: () => number = Math.random,
	{ baseMs = DEFAULT_BASE_MS, maxMs = DEFAULT_MAX_MS }: BackoffOptions = {}
): number {
	const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	const jittered = step / 2 + (step / 2) * clamp01(random());
	return Math.round(Math.min(maxMs, jittered));
}

function clamp01(value: number): number {
	return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
