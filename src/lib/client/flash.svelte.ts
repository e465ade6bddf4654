// A one-shot message carried across a client-side navigation (e.g. "session expired" on /).
export type FlashKind = 'info' | 'success' | 'error';

class Flash {
	message = $state<string | null>(null);
	kind = $state<FlashKind>('info');

	set(message: string, kind: FlashKind = 'info') {
		this.message = message;
		this.kind = kind;
	}

	clear() {
		this.message = null;
	}
}

export const flash = new Flash();
