// The commission's public data (GET /api/commission: the year's sessions and the grid in force),
// kept on the device like the news so that « Comment sont attribuées les places » and the
// request page read it offline after one visit online; refreshed whenever the server answers.
import { api } from '../api';
import type { CommissionInfo } from './schedule';

const KEY = 'ef:commission';

function cached(): CommissionInfo | null {
	try {
		const info = JSON.parse(localStorage.getItem(KEY) ?? 'null') as CommissionInfo | null;
		return info && Array.isArray(info.sessions) && Array.isArray(info.criteria) ? info : null;
	} catch {
		return null;
	}
}

class CommissionFeed {
	info = $state<CommissionInfo | null>(null);
	/** False until the device's copy or the server's answer is known. */
	loaded = $state(false);
	/** True when what is shown comes from the device's copy (the server did not answer). */
	offline = $state(false);
	#loading: Promise<void> | null = null;

	/** Shows the device's copy at once, then the server's answer when it comes. */
	load(): Promise<void> {
		this.#loading ??= this.#load().finally(() => (this.#loading = null));
		return this.#loading;
	}

	async #load(): Promise<void> {
		this.info = cached();
		if (this.info) this.loaded = true;
		const result = await api.commission();
		if (result.ok) {
			this.info = result.data;
			this.offline = false;
			try {
				localStorage.setItem(KEY, JSON.stringify(result.data));
			} catch {
				// storage full or disabled: the page still shows it this time
			}
		} else this.offline = this.info !== null;
		this.loaded = true;
	}
}

export const commissionInfo = new CommissionFeed();
