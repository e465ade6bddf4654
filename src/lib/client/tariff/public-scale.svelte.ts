// The PSU scale (GET /api/tariff/scale), kept on the device like the commission's public data so
// the simulator computes offline after one visit online; refreshed whenever the server answers.
import { apiRequest } from '../api';
import type { PublicScale } from '$domain/tariff-quote';

const KEY = 'ef:tariff-scale';

function cached(): PublicScale | null {
	try {
		const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as PublicScale | null;
		return s && Array.isArray(s.effortRates) && Array.isArray(s.bounds) && s.defaults ? s : null;
	} catch {
		return null;
	}
}

class ScaleFeed {
	scale = $state<PublicScale | null>(null);
	/** False until the device's copy or the server's answer is known. */
	loaded = $state(false);
	/** True when what is used comes from the device's copy (the server did not answer). */
	offline = $state(false);
	#loading: Promise<void> | null = null;

	/** Uses the device's copy at once, then the server's answer when it comes. */
	load(): Promise<void> {
		this.#loading ??= this.#load().finally(() => (this.#loading = null));
		return this.#loading;
	}

	async #load(): Promise<void> {
		this.scale = cached();
		if (this.scale) this.loaded = true;
		const result = await apiRequest<PublicScale>('GET', '/tariff/scale');
		if (result.ok) {
			this.scale = result.data;
			this.offline = false;
			try {
				localStorage.setItem(KEY, JSON.stringify(result.data));
			} catch {
				// storage full or disabled: the page still uses it this time
			}
		} else this.offline = this.scale !== null;
		this.loaded = true;
	}
}

export const tariffScale = new ScaleFeed();
