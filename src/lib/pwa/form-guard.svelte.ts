// Lets a form say "the parent is in the middle of a step": while held, the update prompt stays
// hidden so an update never reloads the page under someone typing. Forms hold on first input
// and release at a step boundary (step saved, form submitted or left).
class FormGuard {
	#holders = $state(new Set<symbol>());

	/** True while at least one form has input not yet at a step boundary. */
	get held(): boolean {
		return this.#holders.size > 0;
	}

	/** Returns the matching release; calling it twice is harmless. */
	hold(): () => void {
		const token = Symbol('form');
		this.#holders = new Set([...this.#holders, token]);
		return () => this.#drop(token);
	}

	/** Releases every hold, e.g. on navigation away from a form. */
	release(): void {
		this.#holders = new Set();
	}

	#drop(token: symbol): void {
		if (!this.#holders.has(token)) return;
		const next = new Set(this.#holders);
		next.delete(token);
		this.#holders = next;
	}
}

export const formGuard = new FormGuard();
