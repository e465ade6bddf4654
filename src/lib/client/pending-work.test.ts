// A submit clicked while a scanned piece is still being saved waits for it (issue 9: the click
// on ENVOYER LES PIÈCES right after « Enregistrer la pièce » was lost).
import { describe, expect, it } from 'vitest';
import { PendingWork } from './pending-work.svelte';

function deferred() {
	let resolve!: () => void;
	let reject!: (e: Error) => void;
	const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

describe('work a submit waits for', () => {
	it('is idle at once when nothing runs', async () => {
		const work = new PendingWork();
		expect(work.busy).toBe(false);
		await work.idle();
	});

	it('lets the submit see what the running work did before it ends', async () => {
		const work = new PendingWork();
		const save = deferred();
		const ticked: string[] = [];
		const running = work.run(async () => {
			await save.promise;
			ticked.push('piece:1'); // onsaved → the picker ticks the new piece
		});
		expect(work.busy).toBe(true);
		const seen = work.idle().then(() => [...ticked]);
		save.resolve();
		await running;
		expect(await seen).toEqual(['piece:1']);
		expect(work.busy).toBe(false);
	});

	it('waits for every running task, and ends on a failure too', async () => {
		const work = new PendingWork();
		const a = deferred();
		const b = deferred();
		const first = work.run(() => a.promise);
		const second = work.run(() => b.promise).catch((e: Error) => e.message);
		let idle = false;
		const waiting = work.idle().then(() => (idle = true));
		a.resolve();
		await first;
		await Promise.resolve();
		expect(idle).toBe(false);
		b.reject(new Error('La pièce n’a pas pu être enregistrée.'));
		expect(await second).toBe('La pièce n’a pas pu être enregistrée.');
		await waiting;
		expect(idle).toBe(true);
		expect(work.busy).toBe(false);
	});
});
