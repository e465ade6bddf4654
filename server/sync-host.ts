// The sync layer's view of the app (sync/server/host.ts), built from the app's dependencies: the
// same database and clock, the settings sync reads, and the hooks a projected change calls inside
// its transaction — the request history and its notifications (server/desk/events.ts), the desk's
// list index of a new request (server/desk/request-index.ts).
import type { SyncHost } from '../sync/server/host';
import { projectConfirmation } from './commission/confirmations';
import { recordRequestEvent } from './desk/events';
import { indexRequest } from './desk/request-index';
import { offerAnswerProjector } from './commission/answers';
import { projectPaperless } from './billing/paperless';
import type { AppDeps } from './http/env';

const hosts = new WeakMap<AppDeps, SyncHost>();

/** The host for these dependencies (one per deps object, so every caller shares it). */
export function syncHostFor(deps: AppDeps): SyncHost {
	let host = hosts.get(deps);
	if (!host) {
		host = {
			db: deps.db,
			clock: deps.clock,
			config: deps.config,
			kickOutbox: () => deps.kickOutbox(),
			requestChanged: (change) => void recordRequestEvent(deps.db, change, deps.clock.now()),
			requestSubmitted: (number, body) => indexRequest(deps.db, number, body),
			appProjectors: {
				confirmation: projectConfirmation,
				'offer-answer': offerAnswerProjector(deps),
				paperless: projectPaperless
			}
		};
		hosts.set(deps, host);
	}
	return host;
}
