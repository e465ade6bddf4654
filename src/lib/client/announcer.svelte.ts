// One polite live region for the whole app (mounted once by the root layout): a message put
// into a region that already exists is announced, unlike a freshly inserted role="status".
class Announcer {
	message = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Announces `text`, even when it is the same as the last message. */
	say(text: string) {
		clearTimeout(this.#timer);
		this.message = '';
		// Cleared first, then set on the next task: screen readers see a change every time.
		this.#timer = setTimeout(() => (this.message = text), 50);
	}

	clear() {
		clearTimeout(this.#timer);
		this.message = '';
	}
}

export const announcer = new Announcer();
