// The pre-registration wizard's fields, between the screen (strings, empty slots) and the draft
// document (only what is filled in, so the draft schema accepts every autosave). Pure.
import { ONE_BOX, ONE_OPTION } from '$domain/documents';
import { householdProblems, type HouseholdFacts } from '$domain/preinscription-rules';
import { isRealDate, required } from '$domain/validation';
import type { PreinscriptionDocument } from '$lib/client/documents/preinscription.service';

export interface PreinscriptionForm {
	childId: string;
	wishedStartDate: string;
	/** One slot per choice (1 to 3), '' while not chosen. */
	choices: string[];
	observations: string;
	pieceIds: string[];
	resident: '' | 'Oui' | 'Non';
	situations: string[];
}

export const CHOOSE_CHILD = 'Choisissez l’enfant à préinscrire.';
export const CHOOSE_STRUCTURE = 'Choisissez une structure pour ce choix, ou supprimez-le.';
export const SAME_STRUCTURE = 'Une même structure ne peut pas être choisie deux fois.';

export function fromDoc(doc: PreinscriptionDocument): PreinscriptionForm {
	const q = (doc.questionnaire ?? {}) as {
		residentInArea?: boolean;
		professionalSituation?: string[];
	};
	const choices = Array.isArray(doc.choices) ? doc.choices.map(String) : [];
	return {
		childId: typeof doc.childId === 'string' ? doc.childId : '',
		wishedStartDate: typeof doc.wishedStartDate === 'string' ? doc.wishedStartDate : '',
		choices: choices.length > 0 ? choices : [''],
		observations: typeof doc.observations === 'string' ? doc.observations : '',
		pieceIds: Array.isArray(doc.pieceIds) ? doc.pieceIds.map(String) : [],
		resident: q.residentInArea === true ? 'Oui' : q.residentInArea === false ? 'Non' : '',
		situations: Array.isArray(q.professionalSituation) ? [...q.professionalSituation] : []
	};
}

/** The draft's fields: empty values are left out (undefined), never stored as invalid. */
export function toFields(f: PreinscriptionForm): Record<string, unknown> {
	const choices = f.choices.filter(Boolean);
	const questionnaire: Record<string, unknown> = {};
	if (f.resident) questionnaire.residentInArea = f.resident === 'Oui';
	if (f.situations.length > 0) questionnaire.professionalSituation = f.situations;
	return {
		childId: f.childId || undefined,
		wishedStartDate: isRealDate(f.wishedStartDate) ? f.wishedStartDate : undefined,
		choices: choices.length > 0 ? choices : undefined,
		observations: f.observations.trim() ? f.observations : undefined,
		pieceIds: f.pieceIds,
		questionnaire
	};
}

/** Errors of step 1 (child and entry date), with the household rules. */
export function childStepErrors(
	f: PreinscriptionForm,
	facts: HouseholdFacts
): Record<string, string> {
	const errors: Record<string, string> = {};
	if (!f.childId) errors.childId = CHOOSE_CHILD;
	if (!f.wishedStartDate) errors.wishedStartDate = required('Date d’entrée souhaitée');
	else if (!isRealDate(f.wishedStartDate))
		errors.wishedStartDate = 'Le champ « Date d’entrée souhaitée » doit être une date valide.';
	const rules = householdProblems(
		{
			childId: f.childId || undefined,
			wishedStartDate: errors.wishedStartDate ? undefined : f.wishedStartDate
		},
		facts
	);
	return { ...rules, ...errors };
}

/** Errors of step 2: each slot chosen, no structure twice. */
export function choiceStepErrors(f: PreinscriptionForm): Record<string, string> {
	const errors: Record<string, string> = {};
	f.choices.forEach((c, i) => {
		if (!c) errors[`choices.${i}`] = CHOOSE_STRUCTURE;
		else if (f.choices.indexOf(c) < i) errors[`choices.${i}`] = SAME_STRUCTURE;
	});
	return errors;
}

/** Errors of the questionnaire, with the guide's messages. */
export function questionnaireErrors(f: PreinscriptionForm): Record<string, string> {
	const errors: Record<string, string> = {};
	if (!f.resident) errors.resident = ONE_OPTION;
	if (f.situations.length === 0) errors.situations = ONE_BOX;
	return errors;
}
