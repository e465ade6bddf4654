// zxcvbn on the server, in a worker thread: one estimate can take a few hundred milliseconds,
// which must not stall every other request. The worker is plain CommonJS (eval) so it needs
// no TypeScript loader, and starts on first use.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { ApiError } from '../http/errors';
import {
	ANALYSED_LENGTH,
	strengthRefusal,
	withPersonalWords,
	type Strength
} from '../../src/lib/domain/password-strength';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { ZxcvbnFactory } = require(workerData.core);
const common = require(workerData.common);
const fr = require(workerData.fr);
const z = new ZxcvbnFactory({
	dictionary: { ...common.dictionary, ...fr.dictionary },
	graphs: common.adjacencyGraphs,
	translations: fr.translations,
	maxLength: workerData.maxLength
});
parentPort.on('message', ({ id, password, inputs }) => {
	const { score, feedback } = z.check(password, inputs);
	parentPort.postMessage({ id, score, warning: feedback.warning || null, suggestions: feedback.suggestions });
});
`;

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (s: Strength) => void; reject: (e: Error) => void }>();

function start(): Worker {
	const require = createRequire(import.meta.url);
	const w = new Worker(WORKER, {
		eval: true,
		workerData: {
			core: require.resolve('@zxcvbn-ts/core'),
			common: require.resolve('@zxcvbn-ts/language-common'),
			fr: require.resolve('@zxcvbn-ts/language-fr'),
			maxLength: ANALYSED_LENGTH
		}
	});
	w.on('message', (m: Strength & { id: number }) => {
		waiting.get(m.id)?.resolve(m);
		waiting.delete(m.id);
		if (waiting.size === 0) w.unref();
	});
	w.on('error', (error) => {
		for (const p of waiting.values()) p.reject(error);
		waiting.clear();
		worker = null;
	});
	w.unref();
	return w;
}

/**
 * Starts the worker and loads its dictionaries now (a few seconds on a busy machine), so the
 * first parent to choose a password does not wait for them.
 */
export function warmPasswordStrength(): void {
	void assessPassword('préchauffage', []).catch(() => {});
}

/** zxcvbn's estimate, computed off the event loop. */
export function assessPassword(password: string, userInputs: string[]): Promise<Strength> {
	worker ??= start();
	const w = worker;
	const id = nextId++;
	return new Promise((resolve, reject) => {
		waiting.set(id, { resolve, reject });
		w.ref(); // keep the process alive until the answer comes
		w.postMessage({ id, password, inputs: userInputs.filter(Boolean).map(String) });
	});
}

/**
 * Refuses a guessable password with zxcvbn's French feedback on the `password` field.
 * `personal` (names, username, e-mail) must not appear in it at all; `similarTo` (e.g. the
 * current password) only feeds zxcvbn's guess count.
 */
export async function assertStrongPassword(
	password: string,
	personal: string[],
	{ similarTo = [], field = 'password' }: { similarTo?: string[]; field?: string } = {}
) {
	const strength = withPersonalWords(
		await assessPassword(password, [...personal, ...similarTo]),
		password,
		personal
	);
	const refusal = strengthRefusal(strength);
	if (refusal) throw new ApiError(400, 'validation', refusal, { [field]: refusal });
}
