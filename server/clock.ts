// Time as a dependency, so tests can move it (token expiry, throttling) without waiting.
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class ManualClock implements Clock {
	constructor(private t = Date.UTC(2026, 10, 26, 9, 0, 0)) {}
	now() {
		return this.t;
	}
	advance(ms: number) {
		this.t += ms;
	}
	set(at: number) {
		this.t = at;
	}
}
