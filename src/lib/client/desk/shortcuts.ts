// The staff desk's keyboard shortcuts: one catalogue (the help overlay lists it) and a dispatcher
// that turns key presses into actions. Sequences like « g i » are typed one key after the other
// within SEQUENCE_MS. Never while the agent types in a field, nor with Ctrl/Alt/Cmd (the
// browser's and the screen reader's own shortcuts stay free). Pure: time is passed in.

export const SHORTCUTS = {
	inbox: { keys: 'g i', label: 'Aller à la boîte de réception' },
	requests: { keys: 'g d', label: 'Aller à la liste des demandes' },
	search: { keys: '/', label: 'Aller au champ de recherche (liste des demandes)' },
	next: { keys: 'j', label: 'Ligne suivante du tableau' },
	previous: { keys: 'k', label: 'Ligne précédente du tableau' },
	open: { keys: 'Entrée', label: 'Ouvrir la demande de la ligne choisie' },
	take: { keys: 'p', label: 'Prendre en charge (fiche d’une demande)' },
	complete: { keys: 'c', label: 'Marquer complète (fiche d’une demande)' },
	help: { keys: '?', label: 'Afficher ou fermer cette aide' }
} as const;

export type ShortcutId = keyof typeof SHORTCUTS;

/** « Entrée » is the link's own behaviour: listed in the help, never intercepted. */
const NATIVE: readonly ShortcutId[] = ['open'];

export const SEQUENCE_MS = 1500;

/** What the dispatcher reads of a KeyboardEvent. */
export interface KeyPress {
	key: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	defaultPrevented?: boolean;
	target?: unknown;
}

/** True when the key goes into a field (input, textarea, select, editable content). */
export function isTypingTarget(target: unknown): boolean {
	if (typeof target !== 'object' || target === null) return false;
	const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
	if (el.isContentEditable === true) return true;
	const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag !== 'INPUT') return false;
	const type = typeof el.type === 'string' ? el.type : 'text';
	return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image'].includes(type);
}

type Handlers = Partial<Record<ShortcutId, () => void>>;

export class ShortcutDispatcher {
	#layers: Handlers[] = [];
	#pressed: string[] = [];
	#lastAt = -Infinity;

	/** Adds handlers (a page's, over the shell's); the later layer wins. Returns the removal. */
	register(handlers: Handlers): () => void {
		this.#layers = [...this.#layers, handlers];
		return () => {
			this.#layers = this.#layers.filter((layer) => layer !== handlers);
		};
	}

	/** Handles one key press; true when it ran a shortcut (the caller prevents the default). */
	handle(event: KeyPress, now: number): boolean {
		if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
		if (isTypingTarget(event.target) || event.key.length !== 1) {
			this.#pressed = [];
			return false;
		}
		const pressed = now - this.#lastAt <= SEQUENCE_MS ? [...this.#pressed, event.key] : [event.key];
		this.#lastAt = now;
		for (const start of [0, pressed.length - 1]) {
			const typed = pressed.slice(start);
			const match = this.#find(typed.join(' '));
			if (match) {
				this.#pressed = [];
				match();
				return true;
			}
			if (this.#isPrefix(typed)) {
				this.#pressed = typed;
				return false;
			}
		}
		this.#pressed = [];
		return false;
	}

	#active(): [ShortcutId, () => void][] {
		const merged: Handlers = Object.assign({}, ...this.#layers);
		return (Object.entries(merged) as [ShortcutId, () => void][]).filter(
			([id]) => !NATIVE.includes(id)
		);
	}

	#find(keys: string): (() => void) | null {
		return this.#active().find(([id]) => SHORTCUTS[id].keys === keys)?.[1] ?? null;
	}

	#isPrefix(typed: string[]): boolean {
		const head = `${typed.join(' ')} `;
		return this.#active().some(([id]) => SHORTCUTS[id].keys.startsWith(head));
	}
}

/** The desk's one dispatcher: the shell listens to the keyboard, pages register their keys. */
export const deskShortcuts = new ShortcutDispatcher();
