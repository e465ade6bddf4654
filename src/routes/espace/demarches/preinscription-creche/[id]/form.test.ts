import { describe, expect, it } from 'vitest';
import { ONE_BOX, ONE_OPTION } from '$domain/documents';
import { CHILD_NOT_DECLARED, ENTRY_DATE_PAST } from '$domain/preinscription-rules';
import {
	CHOOSE_CHILD,
	SAME_STRUCTURE,
	childStepErrors,
	choiceStepErrors,
	fromDoc,
	questionnaireErrors,
	toFields,
	type PreinscriptionForm
} from './form';

const LEA = '0b7e7a52-4f3c-4e55-9b1a-2f6d1c3e8a90';
const facts = { children: [{ id: LEA }], pieceIds: [], today: '2026-11-26' };
const empty: PreinscriptionForm = {
	childId: '',
	wishedStartDate: '',
	choices: [''],
	observations: '',
	pieceIds: [],
	resident: '',
	situations: []
};

describe('the pre-registration wizard’s fields', () => {
	it('asks for the child and the date, then applies the household rules', () => {
		expect(childStepErrors(empty, facts)).toEqual({
			childId: CHOOSE_CHILD,
			wishedStartDate: 'Le champ « Date d’entrée souhaitée » est obligatoire.'
		});
		expect(
			childStepErrors({ ...empty, childId: 'other', wishedStartDate: '2026-11-01' }, facts)
		).toEqual({ childId: CHILD_NOT_DECLARED, wishedStartDate: ENTRY_DATE_PAST });
		expect(
			childStepErrors({ ...empty, childId: LEA, wishedStartDate: '2027-09-01' }, facts)
		).toEqual({});
	});

	it('wants each choice filled and no structure twice', () => {
		expect(choiceStepErrors({ ...empty, choices: ['a', 'b', 'a'] })).toEqual({
			'choices.2': SAME_STRUCTURE
		});
		expect(Object.keys(choiceStepErrors({ ...empty, choices: ['a', ''] }))).toEqual(['choices.1']);
	});

	it('gives the guide’s questionnaire messages', () => {
		expect(questionnaireErrors(empty)).toEqual({ resident: ONE_OPTION, situations: ONE_BOX });
	});

	it('stores only what is filled in and reads it back', () => {
		const form: PreinscriptionForm = {
			...empty,
			childId: LEA,
			wishedStartDate: '2027-09-0',
			choices: ['cocon-de-soie', ''],
			resident: 'Non',
			situations: ['parent1Works']
		};
		const fields = toFields(form);
		expect(fields).toMatchObject({
			childId: LEA,
			wishedStartDate: undefined,
			choices: ['cocon-de-soie'],
			questionnaire: { residentInArea: false, professionalSituation: ['parent1Works'] }
		});
		expect(fromDoc({ _id: 'preinscription:x', ...fields } as never)).toMatchObject({
			childId: LEA,
			choices: ['cocon-de-soie'],
			resident: 'Non'
		});
	});
});
