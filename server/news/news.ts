// The service's public news: stored rows, what the public sees today, and the agents' changes
// (each one written to the audit log in the same transaction).
import { audit } from '../audit/audit';
import type { Db } from '../db';
import { isShown, type NewsInput, type NewsItem } from '../../src/lib/domain/news';
import { todayInParis } from '../../src/lib/domain/validation';

interface NewsRow {
	id: number;
	title: string;
	body: string;
	published_on: string;
	ends_on: string | null;
}

const toItem = (r: NewsRow): NewsItem => ({
	id: r.id,
	title: r.title,
	body: r.body,
	publishedOn: r.published_on,
	endsOn: r.ends_on
});

const COLUMNS = 'id, title, body, published_on, ends_on';

/** Every news item, newest publication first (the desk's list). */
export function allNews(db: Db): NewsItem[] {
	return (
		db.prepare(`SELECT ${COLUMNS} FROM news ORDER BY published_on DESC, id DESC`).all() as NewsRow[]
	).map(toItem);
}

/** What the public sees on `now`'s day in Europe/Paris, newest first. */
export function publicNews(db: Db, now: number): NewsItem[] {
	const today = todayInParis(new Date(now));
	return (
		db
			.prepare(
				`SELECT ${COLUMNS} FROM news WHERE published_on <= ? AND (ends_on IS NULL OR ends_on >= ?)
				 ORDER BY published_on DESC, id DESC`
			)
			.all(today, today) as NewsRow[]
	)
		.map(toItem)
		.filter((n) => isShown(n, today));
}

const auditNews = (db: Db, actorId: string, action: string, newsId: number, now: number) =>
	audit(db, { actorId, action, detail: { newsId } }, now);

export function createNews(db: Db, input: NewsInput, actorId: string, now: number): NewsItem {
	return db.transaction(() => {
		const row = db
			.prepare(
				`INSERT INTO news (title, body, published_on, ends_on, created_by, created_at, updated_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`
			)
			.get(
				input.title,
				input.body,
				input.publishedOn,
				input.endsOn ?? null,
				actorId,
				now,
				now
			) as NewsRow;
		auditNews(db, actorId, 'news.create', row.id, now);
		return toItem(row);
	})();
}

/** Updates the item; null when it does not exist. */
export function updateNews(
	db: Db,
	id: number,
	input: NewsInput,
	actorId: string,
	now: number
): NewsItem | null {
	return db.transaction(() => {
		const row = db
			.prepare(
				`UPDATE news SET title = ?, body = ?, published_on = ?, ends_on = ?, updated_at = ?
				 WHERE id = ? RETURNING ${COLUMNS}`
			)
			.get(input.title, input.body, input.publishedOn, input.endsOn ?? null, now, id) as
			NewsRow | undefined;
		if (!row) return null;
		auditNews(db, actorId, 'news.update', id, now);
		return toItem(row);
	})();
}

/** Deletes the item; false when it did not exist. */
export function deleteNews(db: Db, id: number, actorId: string, now: number): boolean {
	return db.transaction(() => {
		const gone = db.prepare('DELETE FROM news WHERE id = ?').run(id).changes > 0;
		if (gone) auditNews(db, actorId, 'news.delete', id, now);
		return gone;
	})();
}
