// The staff desk's API, mounted at /api/agent: staff and admins only (anonymous → 401, a parent →
// 403, on every route, known or not). Each concern is a router of its own, composed here.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { errorBody } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { deskAuditRoutes } from '../audit/routes';
import { deskContractRoutes } from '../commission/contracts';
import { billingContractRoutes } from '../billing/contract-routes';
import { billingEntryRoutes } from '../billing/entry-routes';
import { deskNewsRoutes } from '../news/routes';
import { deskStructureRoutes } from '../structures/routes';
import { commissionSessionRoutes } from '../commission/session-routes';
import { commissionPlanRoutes } from '../commission/plan-routes';
import { eventsRoutes } from './events-routes';
import { messageRoutes } from './request-messages';
import { memberRoutes } from './members';
import { notificationsRoutes } from './notifications-routes';
import { actionRoutes } from './request-actions';
import { documentRoutes } from './request-documents';
import { detailRoutes } from './requests-detail';
import { listRoutes } from './requests-list';
import { billingRunRoutes } from '../billing/run-routes';
import { billingInvoiceRoutes } from '../billing/invoice-routes';
import { deskScaleRoutes } from '../billing/scale-routes';

export const deskRoutes = new Hono<AppEnv>()
	.use('*', requireRole('staff', 'admin'))
	.route('/', deskNewsRoutes)
	.route('/', deskStructureRoutes)
	.route('/', deskAuditRoutes)
	.route('/', memberRoutes)
	.route('/', eventsRoutes)
	.route('/', notificationsRoutes)
	.route('/', listRoutes)
	.route('/', detailRoutes)
	.route('/', documentRoutes)
	.route('/', actionRoutes)
	.route('/', messageRoutes)
	.route('/', commissionSessionRoutes)
	.route('/', commissionPlanRoutes)
	.route('/', deskContractRoutes)
	.route('/', billingRunRoutes)
	.route('/', billingInvoiceRoutes)
	.route('/', deskScaleRoutes)
	.route('/', billingContractRoutes)
	.route('/', billingEntryRoutes)
	.all('*', (c) => c.json(errorBody('not_found', 'Cette adresse n’existe pas.'), 404));
