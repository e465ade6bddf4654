// Admins edit the structures parents choose from; agents read them; families see the change.
import { describe, expect, it } from 'vitest';
import { createHarness, signedInParent, signedInStaff } from '../test/harness';

const edit = {
	name: 'Les Cèdres du Parc',
	commune: 'Vienne',
	capacities: { babies: 8, toddlers: 10, older: 12 },
	active: false
};

describe('structures on the staff desk', () => {
	it('an admin renames, resizes and withdraws a structure; parents no longer get it to choose', async () => {
		const h = createHarness();
		const admin = await signedInStaff(h, 'admin');
		const list = await (await h.call('GET', '/api/agent/structures', undefined, admin.jar)).json();
		expect(list.structures).toHaveLength(16);
		const first = list.structures[0];
		expect(first.capacity).toBe(
			first.capacities.babies + first.capacities.toddlers + first.capacities.older
		);

		const res = await h.call('PUT', `/api/agent/structures/${first.id}`, edit, admin.jar);
		expect(res.status).toBe(200);
		expect((await res.json()).structure).toEqual({
			id: first.id,
			name: 'Les Cèdres du Parc',
			label: "Accueil Petite enfance - EAJE Les Cèdres du Parc - Liste d'attente",
			commune: 'Vienne',
			capacity: 30,
			capacities: edit.capacities,
			active: false
		});
		const offered = (await (await h.call('GET', '/api/structures')).json()).structures as {
			id: string;
		}[];
		expect(offered).toHaveLength(15);
		expect(offered.map((s) => s.id)).not.toContain(first.id);
		expect(
			h.db.prepare("SELECT actor_id FROM audit_log WHERE action = 'structure.update'").all()
		).toEqual([{ actor_id: admin.id }]);
	});

	it('bad input: French messages, nothing written; unknown id 404', async () => {
		const h = createHarness();
		const admin = await signedInStaff(h, 'admin');
		const before = h.db.prepare('SELECT * FROM structures ORDER BY id').all();
		const res = await h.call(
			'PUT',
			'/api/agent/structures/cocon-de-soie',
			{ ...edit, name: ' ', capacities: { babies: -2, toddlers: 1, older: 1 } },
			admin.jar
		);
		expect(res.status).toBe(400);
		expect((await res.json()).error.fields).toEqual({
			name: 'Le champ « Nom » est obligatoire.',
			'capacities.babies': 'Le champ « Places Bébés » ne peut pas être négatif.'
		});
		expect(h.db.prepare('SELECT * FROM structures ORDER BY id').all()).toEqual(before);
		const missing = await h.call('PUT', '/api/agent/structures/nope', edit, admin.jar);
		expect(missing.status).toBe(404);
	});

	it('agents read but do not edit (403); parents and anonymous callers neither', async () => {
		const h = createHarness();
		const agent = await signedInStaff(h);
		const parent = await signedInParent(h);
		expect((await h.call('GET', '/api/agent/structures', undefined, agent.jar)).status).toBe(200);
		const path = '/api/agent/structures/cocon-de-soie';
		expect((await h.call('PUT', path, edit, agent.jar)).status).toBe(403);
		expect((await h.call('PUT', path, edit, parent.jar)).status).toBe(403);
		expect((await h.call('GET', '/api/agent/structures', undefined, parent.jar)).status).toBe(403);
		expect((await h.call('PUT', path, edit)).status).toBe(401);
	});
});
