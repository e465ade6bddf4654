// Admins' view of the service's notifications: the webhook delivery log and the service-mail
// setting (a mail per new request, or a daily digest). Agents get 403 here.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../http/env';
import { parseJson } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { SERVICE_MAIL_MODES, serviceMailMode, setServiceMailMode } from './notify-settings';
import { webhookDeliveries } from './webhook';

const NotificationSettings = v.object({
	serviceMail: v.picklist(
		SERVICE_MAIL_MODES,
		'Choisissez « each » (un courriel par demande) ou « digest » (un résumé par jour).'
	)
});

const adminOnly = requireRole('admin');

export const notificationsRoutes = new Hono<AppEnv>()
	.get('/webhooks/deliveries', adminOnly, (c) =>
		c.json({ items: webhookDeliveries(c.var.deps.db) }, 200)
	)
	.get('/settings/notifications', adminOnly, (c) =>
		c.json({ serviceMail: serviceMailMode(c.var.deps.db) }, 200)
	)
	.put('/settings/notifications', adminOnly, async (c) => {
		const { serviceMail } = await parseJson(c, NotificationSettings);
		setServiceMailMode(c.var.deps.db, serviceMail);
		return c.json({ serviceMail }, 200);
	});
