// Lets a form say "the parent is in the middle of a step": while held, the update prompt stays
// hidden so an update never reloads the page under someone typing. Forms hold on first input
// and release at a step boundary (step saved, form submitted or left).
class FormGuard {
	#holders = $state<symbol[]>([]);

	/** True while at least one form has input not yet at a step boundary. */
	get held(): boolean {
		return this.#holders.length > 0;
	}

	/** Returns the matching release; calling it twice is harmless. */
	hold(): () => void {
		const token = Symbol('form');
		this.#holders = [...this.#holders, token];
		return () => (this.#holders = this.#holders.filter((t) => t !== token));
	}

	/** Releases every hold, e.g. on navigation away from a form. */
	release(): void {
		this.#holders = [];
	}
}

export const formGuard = new FormGuard();
