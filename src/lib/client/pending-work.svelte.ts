// Work a form's submit must wait for: a piece scanned in a PiecePicker is still being saved when
// the parent clicks ENVOYER LES PIÈCES, « Suivant » or « Enregistrer ce membre » right after
// « Enregistrer la pièce ». The submit waits for it (`idle()`), so the piece is part of what is
// sent instead of the click being lost.

export class PendingWork {
	#running = $state(0);
	#waiters: (() => void)[] = [];

	/** Whether some work is running now. */
	get busy(): boolean {
		return this.#running > 0;
	}

	/** Runs `task`, counted as pending until it settles (its result or error passes through). */
	async run<T>(task: () => Promise<T>): Promise<T> {
		this.#running++;
		try {
			return await task();
		} finally {
			this.#running--;
			if (this.#running === 0) {
				const waiters = this.#waiters;
				this.#waiters = [];
				for (const resolve of waiters) resolve();
			}
		}
	}

	/** Resolves once no work is running (at once when none is). */
	idle(): Promise<void> {
		if (this.#running === 0) return Promise.resolve();
		return new Promise((resolve) => this.#waiters.push(resolve));
	}
}
