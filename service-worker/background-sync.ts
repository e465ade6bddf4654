// Worker side of Background Sync: the page registered SYNC_TAG because local changes were
// pending; the browser wakes us when the network is back. The replication itself lives in the
// page (PouchDB + the session cookie), so we wake an open window and wait for its answer.
// A failed answer rejects, which tells the browser to retry later with its own backoff.

import { SYNC_REQUEST } from '../sync/client/background-sync';

const ANSWER_TIMEOUT_MS = 60_000;

export async function relaySyncToClients(clients: Clients): Promise<void> {
	const windows = await clients.matchAll({ type: 'window', includeUncontrolled: false });
	// No window open: nothing to run the replication; the next app start syncs anyway.
	if (windows.length === 0) return;
	const answers = await Promise.all(windows.slice(0, 1).map(askClient));
	if (!answers.some(Boolean)) throw new Error('Synchronisation impossible pour le moment');
}

function askClient(client: Client): Promise<boolean> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		const timer = setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS);
		channel.port1.onmessage = (event: MessageEvent<{ ok?: boolean }>) => {
			clearTimeout(timer);
			resolve(event.data?.ok === true);
		};
		client.postMessage({ type: SYNC_REQUEST }, [channel.port2]);
	});
}
