// POST /api/agent/requests/{number}/messages: an agent writes to the family about its request. The
// message is a `svc:message` document in the household's database (read offline in Mes
// actualités, linked to the request); the family gets a mail saying so; the audit log records it.
// One transaction.
import { Hono } from 'hono';
import * as v from 'valibot';
import { parseDocId } from '../../src/lib/domain/documents';
import { audit } from '../audit/audit';
import { sendFamilyMessage } from '../family/messages';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { enqueueMail } from '../mail/outbox';
import { familyMessageMail } from '../mail/templates';
import { findRequest, referentOf } from './request-file';

const MessageBody = v.object({
	title: v.optional(
		v.pipe(
			v.string('Le champ « Objet » doit être un texte.'),
			v.trim(),
			v.maxLength(150, 'Le champ « Objet » ne peut pas dépasser 150 caractères.')
		)
	),
	body: v.pipe(
		v.string('Le champ « Message » est obligatoire.'),
		v.trim(),
		v.nonEmpty('Le champ « Message » est obligatoire.'),
		v.maxLength(5000, 'Le champ « Message » ne peut pas dépasser 5 000 caractères.')
	)
});

export const messageRoutes = new Hono<AppEnv>().post(
	'/requests/:number{[0-9]+}/messages',
	async (c) => {
		const input = await parseJson(c, MessageBody);
		const deps = c.var.deps;
		const { db, clock } = deps;
		const req = findRequest(db, c.req.param('number'));
		const title = input.title || `Au sujet de votre demande n° ${req.number}`;
		const now = clock.now();
		const id = db.transaction(() => {
			const sent = sendFamilyMessage(deps, req.household_id, {
				title,
				body: input.body,
				subjectId: req.doc_id
			});
			if (!sent.ok) throw new ApiError(400, 'validation', sent.reason);
			const referent = referentOf(db, req.household_id);
			if (referent)
				enqueueMail(
					db,
					familyMessageMail(
						referent.email,
						{ civility: referent.civility, lastName: referent.last_name },
						{
							title,
							number: req.number,
							link: `${deps.config.publicUrl}/espace/actualites`
						}
					),
					now
				);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'message.send',
					householdId: req.household_id,
					detail: { number: req.number, messageId: sent.id }
				},
				now
			);
			return sent.id;
		})();
		deps.kickOutbox();
		return c.json(
			{ id, title, link: `/espace/demandes/${parseDocId(req.doc_id)?.uuid ?? ''}` },
			201
		);
	}
);
