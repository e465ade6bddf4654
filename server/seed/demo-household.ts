// The demo family's file, so `npm start` shows a living space: a household declaration with one
// child, sent as the family would (same checks and projector: it becomes request n° 1 with its
// `svc:status`), and a welcome message from the service. Written once, right after the demo
// accounts are created.
import type { AppDeps } from '../http/env';
import { sendFamilyMessage } from '../family/messages';
import { writeHouseholdDocs } from '../../sync/server/service-writes';
import { syncHostFor } from '../sync-host';
import { DEMO_ACCOUNTS } from './seed';

export const DEMO_CHILD_ID = '5c0f3f5e-8a1b-4f53-9d61-6f1f0c2a7b10';
const DEMO_DECLARATION = 'entourage:9a4f2c1e-3b5d-4e7f-8a9b-0c1d2e3f4a5b';

export function seedDemoHousehold(deps: AppDeps): void {
	const row = deps.db
		.prepare('SELECT household_id FROM users WHERE username = ?')
		.get(DEMO_ACCOUNTS.parent.username) as { household_id: string | null } | undefined;
	const householdId = row?.household_id;
	if (!householdId) return;
	const at = new Date(deps.clock.now()).toISOString();
	const [declared] = writeHouseholdDocs(
		syncHostFor(deps),
		householdId,
		[
			{
				_id: DEMO_DECLARATION,
				type: 'entourage',
				state: 'submitted',
				createdAt: at,
				updatedAt: at,
				submittedAt: at,
				members: [
					{
						id: DEMO_CHILD_ID,
						role: 'child',
						lastName: 'Démo',
						firstNames: 'Jules',
						birthDate: '2025-03-14'
					}
				]
			}
		],
		'parent'
	);
	if (!declared || !('ok' in declared))
		throw new Error(
			`demo declaration refused: ${declared && 'reason' in declared ? declared.reason : ''}`
		);
	const welcome = sendFamilyMessage(deps, householdId, {
		title: 'Bienvenue dans votre Espace Famille',
		body: 'Votre espace est prêt. Vous pouvez déclarer votre entourage, préinscrire votre enfant en crèche et conserver vos pièces justificatives, même sans connexion : tout sera transmis au service dès le retour du réseau.\n\nLe service petite enfance'
	});
	if (!welcome.ok) throw new Error(`demo message refused: ${welcome.reason}`);
}
