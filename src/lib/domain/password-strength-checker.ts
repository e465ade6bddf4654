// zxcvbn-ts with the common and French dictionaries (~1 MB): import this module dynamically
// (`await import(...)`) so that it lands in its own chunk, never in the home page's JavaScript.
// The server runs the same options in a worker thread (server/auth/password-strength.ts).
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import { ANALYSED_LENGTH, withPersonalWords, type Strength } from './password-strength';

let factory: ZxcvbnFactory | null = null;

export function assessStrength(password: string, userInputs: string[] = []): Strength {
	factory ??= new ZxcvbnFactory({
		dictionary: { ...common.dictionary, ...fr.dictionary },
		graphs: common.adjacencyGraphs,
		translations: fr.translations,
		maxLength: ANALYSED_LENGTH
	});
	const { score, feedback } = factory.check(password, userInputs.filter(Boolean));
	return withPersonalWords(
		{ score, warning: feedback.warning || null, suggestions: feedback.suggestions },
		password,
		userInputs
	);
}
