// News over HTTP: the public list (home page, /actualites) and the agents' editing (mounted in the
// staff desk at /api/agent/news, behind its staff/admin guard).
import { Hono } from 'hono';
import { NewsInput } from '../../src/lib/domain/news';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { allNews, createNews, deleteNews, publicNews, updateNews } from './news';

const NOT_FOUND = 'Cette actualité n’existe pas ou a été supprimée.';

function newsId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id < 1) throw new ApiError(404, 'not_found', NOT_FOUND);
	return id;
}

export const publicNewsRoutes = new Hono<AppEnv>().get('/news', (c) =>
	c.json({ news: publicNews(c.var.deps.db, c.var.deps.clock.now()) }, 200)
);

export const deskNewsRoutes = new Hono<AppEnv>()
	.get('/news', (c) => c.json({ news: allNews(c.var.deps.db) }, 200))
	.post('/news', async (c) => {
		const input = await parseJson(c, NewsInput);
		const { db, clock } = c.var.deps;
		return c.json({ news: createNews(db, input, c.var.user!.id, clock.now()) }, 201);
	})
	.put('/news/:id', async (c) => {
		const id = newsId(c.req.param('id'));
		const input = await parseJson(c, NewsInput);
		const { db, clock } = c.var.deps;
		const news = updateNews(db, id, input, c.var.user!.id, clock.now());
		if (!news) throw new ApiError(404, 'not_found', NOT_FOUND);
		return c.json({ news }, 200);
	})
	.delete('/news/:id', (c) => {
		const id = newsId(c.req.param('id'));
		const { db, clock } = c.var.deps;
		if (!deleteNews(db, id, c.var.user!.id, clock.now()))
			throw new ApiError(404, 'not_found', NOT_FOUND);
		return c.body(null, 204);
	});
