// Small valibot building blocks with French messages, shared by every schema.
import * as v from 'valibot';

export const required = (label: string) => `Le champ « ${label} » est obligatoire.`;

/** A trimmed, non-empty string of at most `max` characters. */
export const requiredText = (label: string, max = 100) =>
	v.pipe(
		v.optional(v.string(required(label)), ''),
		v.trim(),
		v.nonEmpty(required(label)),
		v.maxLength(max, `Le champ « ${label} » ne peut pas dépasser ${max} caractères.`)
	);

/** An optional trimmed string; an empty string becomes undefined. */
export const optionalText = (label: string, max = 100) =>
	v.optional(
		v.pipe(
			v.nullable(v.string(`Le champ « ${label} » doit être un texte.`)),
			v.transform((s) => (s == null ? undefined : s.trim() || undefined)),
			v.optional(
				v.pipe(
					v.string(),
					v.maxLength(max, `Le champ « ${label} » ne peut pas dépasser ${max} caractères.`)
				)
			)
		)
	);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(iso: string): boolean {
	if (!ISO_DATE.test(iso)) return false;
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export const isoDate = (label: string) =>
	v.pipe(
		v.string(required(label)),
		v.check(isRealDate, `Le champ « ${label} » doit être une date valide (AAAA-MM-JJ).`)
	);

/** Optional ISO date; an empty string becomes undefined. */
export const optionalIsoDate = (label: string) =>
	v.optional(
		v.pipe(
			v.nullable(v.string()),
			v.transform((s) => (s == null || s.trim() === '' ? undefined : s.trim())),
			v.optional(isoDate(label))
		)
	);

/** Today's date in Europe/Paris as YYYY-MM-DD. */
export function todayInParis(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

/** Turns valibot issues into { field: message } (first message per field). */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of issues) {
		const path = v.getDotPath(issue) ?? '_';
		// A key missing from the object: valibot reports it with the object's generic message.
		const message =
			issue.kind === 'schema' && issue.type === 'object'
				? 'Ce champ est obligatoire.'
				: issue.message;
		if (!(path in out)) out[path] = message;
	}
	return out;
}
