// The service's news: agents publish, edit and remove them; the public sees those of the day.
import { describe, expect, it } from 'vitest';
import { createHarness, signedInParent, signedInStaff } from '../test/harness';

const DAY = 86_400_000;

describe('news', () => {
	it('an agent publishes a news item; the public sees it from its day until its end day', async () => {
		const h = createHarness();
		h.clock.set(Date.parse('2026-11-27T10:00:00Z'));
		const agent = await signedInStaff(h);
		const created = await h.call(
			'POST',
			'/api/agent/news',
			{
				title: 'Fermeture de Noël',
				body: 'Les crèches ferment du 24 au 26 décembre.',
				publishedOn: '2026-11-28',
				endsOn: '2026-12-26'
			},
			agent.jar
		);
		expect(created.status).toBe(201);
		const { news } = await created.json();
		const titles = async () =>
			((await (await h.call('GET', '/api/news')).json()).news as { title: string }[]).map(
				(n) => n.title
			);
		// The guide's own news is there from the start; the new one from tomorrow (Paris).
		expect(await titles()).toEqual(['Simulateur de tarifs']);
		h.clock.advance(DAY);
		expect(await titles()).toEqual(['Fermeture de Noël', 'Simulateur de tarifs']);
		h.clock.set(Date.parse('2026-12-26T22:59:00Z')); // 23:59 in Paris, the last day
		expect(await titles()).toContain('Fermeture de Noël');
		h.clock.advance(2 * 60_000);
		expect(await titles()).toEqual(['Simulateur de tarifs']);

		// Edited then removed; each change is in the audit log with its author.
		const edit = await h.call(
			'PUT',
			`/api/agent/news/${news.id}`,
			{ ...news, title: 'Fermeture des crèches à Noël', endsOn: '' },
			agent.jar
		);
		expect(edit.status).toBe(200);
		expect(await titles()).toEqual(['Fermeture des crèches à Noël', 'Simulateur de tarifs']);
		expect(
			(await h.call('DELETE', `/api/agent/news/${news.id}`, undefined, agent.jar)).status
		).toBe(204);
		expect(await titles()).toEqual(['Simulateur de tarifs']);
		const audit = h.db
			.prepare("SELECT actor_id, action FROM audit_log WHERE action LIKE 'news.%' ORDER BY id")
			.all();
		expect(audit).toEqual(
			['news.create', 'news.update', 'news.delete'].map((action) => ({
				actor_id: agent.id,
				action
			}))
		);
	});

	it('bad input gets French messages per field and writes nothing; unknown ids 404', async () => {
		const h = createHarness();
		const agent = await signedInStaff(h);
		const res = await h.call(
			'POST',
			'/api/agent/news',
			{ title: '', body: 'x', publishedOn: '2026-12-01', endsOn: '2026-11-01' },
			agent.jar
		);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields).toEqual({
			title: 'Le champ « Titre » est obligatoire.',
			endsOn: 'La date de fin doit être postérieure ou égale à la date de publication.'
		});
		expect(h.db.prepare('SELECT COUNT(*) AS n FROM news').get()).toEqual({ n: 1 });
		const missing = await h.call('DELETE', '/api/agent/news/999', undefined, agent.jar);
		expect(missing.status).toBe(404);
		expect((await missing.json()).error.message).toBe(
			'Cette actualité n’existe pas ou a été supprimée.'
		);
	});

	it('only agents edit news: anonymous 401, parent 403', async () => {
		const h = createHarness();
		const body = { title: 'T', body: 'B', publishedOn: '2026-12-01' };
		expect((await h.call('POST', '/api/agent/news', body)).status).toBe(401);
		const parent = await signedInParent(h);
		for (const [method, path] of [
			['GET', '/api/agent/news'],
			['POST', '/api/agent/news'],
			['PUT', '/api/agent/news/1'],
			['DELETE', '/api/agent/news/1']
		] as const) {
			const payload = method === 'GET' ? undefined : body;
			expect((await h.call(method, path, payload, parent.jar)).status).toBe(403);
			expect((await h.call(method, path, payload)).status).toBe(401);
		}
	});
});
