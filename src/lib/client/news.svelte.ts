// The service's news, kept on the device (public data) so the home page and ACTUALITÉS read them
// offline after one visit online; refreshed whenever the server answers. Items whose end date
// has passed since are dropped from the copy on reading.
import { isShown, type NewsItem } from '$lib/domain/news';
import { todayInParis } from '$lib/domain/validation';
import { api } from './api';

const KEY = 'ef:news';

function cached(): NewsItem[] {
	try {
		const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
		return Array.isArray(list) ? (list as NewsItem[]) : [];
	} catch {
		return [];
	}
}

class NewsFeed {
	items = $state<NewsItem[]>([]);
	/** False until the device's copy or the server's answer is known. */
	loaded = $state(false);

	/** Shows the device's copy at once, then the server's list when it answers. */
	async load(): Promise<void> {
		const today = todayInParis();
		this.items = cached().filter((n) => isShown(n, today));
		if (this.items.length > 0) this.loaded = true;
		const result = await api.news();
		if (result.ok) {
			this.items = result.data.news;
			try {
				localStorage.setItem(KEY, JSON.stringify(result.data.news));
			} catch {
				// storage full or disabled: the list still shows this time
			}
		}
		this.loaded = true;
	}
}

export const news = new NewsFeed();

/** The anchor of a news item on the ACTUALITÉS page. */
export const newsAnchor = (id: number) => `actu-${id}`;
