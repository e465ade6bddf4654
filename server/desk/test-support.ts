// Test helpers of the desk's notifications: a server-sent events reader and a family that submits
// requests from a real PouchDB device through the real sync endpoint.
import { declareTestChild, listen, type RunningServer } from '../../sync/server/test-harness';
import { submittedPreinscription } from '../../sync/test/factories';
import { localDb, Pouch } from '../../sync/test/pouch';
import { signedInParent, type Harness } from '../test/harness';

export interface SseMessage {
	id?: string;
	event?: string;
	data?: string;
	retry?: string;
	comment?: string;
}

/** Reads a text/event-stream body message by message. */
export function sseReader(res: Response) {
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	const queue: SseMessage[] = [];
	const parse = (block: string) => {
		const msg: SseMessage = {};
		for (const line of block.split('\n')) {
			if (line.startsWith(':')) msg.comment = line.slice(1).trim();
			else {
				const i = line.indexOf(':');
				const key = line.slice(0, i) as keyof SseMessage;
				msg[key] = line.slice(i + 1).trimStart();
			}
		}
		return msg;
	};
	return {
		/** The next message; rejects if none comes within `safetyMs` (a hang guard, not a timing). */
		async next(safetyMs = 15_000): Promise<SseMessage> {
			const end = Date.now() + safetyMs;
			while (queue.length === 0) {
				const i = buffer.indexOf('\n\n');
				if (i >= 0) {
					queue.push(parse(buffer.slice(0, i)));
					buffer = buffer.slice(i + 2);
					continue;
				}
				const left = end - Date.now();
				if (left <= 0) throw new Error('no server-sent event in time');
				let timer: ReturnType<typeof setTimeout> | undefined;
				const chunk = await Promise.race([
					reader.read(),
					new Promise<never>((_, reject) => {
						timer = setTimeout(() => reject(new Error('no server-sent event in time')), left);
					})
				]).finally(() => clearTimeout(timer));
				if (chunk.done) throw new Error('the event stream ended');
				buffer += decoder.decode(chunk.value, { stream: true });
			}
			return queue.shift()!;
		},
		/** The next `request` event (skipping retry/ping lines). */
		async nextRequest(safetyMs?: number) {
			for (;;) {
				const m = await this.next(safetyMs);
				if (m.event === 'request') return { id: Number(m.id), ...JSON.parse(m.data!) };
			}
		},
		cancel: () => reader.cancel()
	};
}

/** A signed-in parent whose device pushes submitted preinscriptions through the real /sync. */
export async function familyDevice(h: Harness, server: RunningServer) {
	const parent = await signedInParent(h);
	const me = await (await h.call('GET', '/api/me', undefined, parent.jar)).json();
	declareTestChild(h.db, me.household.id);
	const remote = new Pouch(`${server.url}${new URL(me.syncUrl).pathname}`, {
		headers: { cookie: parent.jar.header() }
	});
	const device = localDb();
	return {
		householdId: me.household.id as string,
		lastName: parent.body.lastName as string,
		/** Puts a submitted preinscription on the device and pushes it; returns its doc id. */
		async submit(extra: Record<string, unknown> = {}) {
			const doc = submittedPreinscription(extra);
			await device.put(doc);
			await Pouch.replicate(device, remote);
			return doc._id;
		}
	};
}

export { listen };
