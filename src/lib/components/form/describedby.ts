// Builds aria-describedby from the ids of a field's error and hint, when present.
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
	const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
	return ids.length ? ids.join(' ') : undefined;
}
