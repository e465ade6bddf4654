// Builds the running pieces from a configuration: database, mail transport, outbox worker, app.
import type { Config } from './config';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db';
import { demoMailboxTransport, smtpTransport } from './mail/transport';
import { startOutboxWorker, type OutboxWorker } from './mail/worker';
import { startDailyDigest, type DailyDigestJob } from './desk/digest';
import { startCommissionReminders, type CommissionRemindersJob } from './commission/reminders';
import { requestEventsBus } from './desk/event-bus';
import { webhookDispatcher } from './desk/webhook';
import { seedDemo, seedStructures } from './seed/seed';
import { seedDemoHousehold } from './seed/demo-household';
import { seedDemoCommission } from './seed/demo-commission';
import { issueDemoMonth, seedDemoBilling } from './seed/demo-billing';
import { createApp, type AppOptions } from './app';
import { deleteExpiredSessions } from './auth/session';
import { pruneFailures } from './auth/throttle';
import { pruneRateEvents } from './auth/rate-limit';
import { pruneTrustedDevices } from './auth/trusted-devices';
import { purgeAudit } from './audit/audit';
import { warmPasswordStrength } from './auth/password-strength';
import { startWalCheckpointer } from '../sync/server/wal-checkpointer';
import { refreshRequestIndex } from './desk/request-index';
import { startOfferExpiry } from './commission/expiry';
import { startCommissionApply } from './commission/apply';
import { startBillingResume } from './billing/run';
import { startPaymentReconcile } from './billing/payment/reconcile';

export interface Runtime {
	db: Db;
	worker: OutboxWorker;
	/** The service's daily digest (when serviceMail is 'digest'). */
	digest: DailyDigestJob;
	/** Asks waiting families to confirm their situation before each commission session. */
	reminders: CommissionRemindersJob;
	/** Ends the agents' live feeds (GET /api/agent/events) so the HTTP server can close. */
	endLiveFeeds(): void;
	app: ReturnType<typeof createApp>;
	seededDemo: boolean;
	close(): Promise<void>;
}

export async function createRuntime(
	config: Config,
	options: AppOptions = {},
	clock: Clock = systemClock
): Promise<Runtime> {
	const db = openDatabase(config.databaseFile);
	const checkpointer = startWalCheckpointer(db);
	seedStructures(db);
	refreshRequestIndex(db); // requests from before the list index (migration 008) get their names
	const seededDemo = config.demo ? await seedDemo(db) : false;
	const transport = config.smtpUrl
		? smtpTransport(config)
		: demoMailboxTransport(db, () => clock.now());
	const worker = startOutboxWorker(db, transport, clock, {
		dispatchers:
			config.webhookUrl && config.webhookSecret
				? [webhookDispatcher({ url: config.webhookUrl, secret: config.webhookSecret })]
				: []
	});
	// A recorded request event may have queued a webhook call: deliver it without waiting.
	const wakeWorker = () => worker.kick();
	requestEventsBus(db).on('changed', wakeWorker);
	// Open server-sent event streams would hold the HTTP server's close forever: end them.
	const endLiveFeeds = () => requestEventsBus(db).emit('shutdown');
	const digest = startDailyDigest(db, config, clock, { kick: worker.kick });
	const housekeeping = setInterval(() => {
		deleteExpiredSessions(db, clock.now());
		pruneFailures(db, clock.now());
		pruneRateEvents(db, clock.now());
		pruneTrustedDevices(db, clock.now());
	}, 3600_000);
	housekeeping.unref();
	// The audit log keeps rows for AUDIT_RETENTION_DAYS: purged at start and then once a day.
	const purge = () => purgeAudit(db, clock.now(), config.auditRetentionDays);
	purge();
	const dailyPurge = setInterval(purge, 86_400_000);
	dailyPurge.unref();
	const deps = { db, config, clock, kickOutbox: worker.kick };
	const app = createApp(deps, options);
	if (seededDemo) {
		seedDemoHousehold(deps); // after createApp: its projectors number the request
		seedDemoCommission(db, clock.now());
	}
	if (config.demo) seedDemoBilling(db, clock.now()); // idempotent: older demo databases get it too
	if (seededDemo) await issueDemoMonth(deps); // a fresh demo: last month's invoice to read and pay
	const reminders = startCommissionReminders(deps, clock);
	// Offers left without an answer past deadline + grace: expired, the place goes on (every minute).
	const offerExpiry = startOfferExpiry(deps);
	// A close the process left half applied (it died mid-way): the rest of the families get their
	// answer (at start and every minute).
	const commissionApply = startCommissionApply(deps);
	// An invoice run the process left half issued: the rest is issued, never twice (at start and
	// every minute); invoices not yet delivered to the families' devices are delivered.
	const billingResume = startBillingResume(deps);
	// Online payments left pending (page closed, notification lost): PayFiP is asked for their
	// result (at start and every minute).
	const paymentReconcile = startPaymentReconcile(deps);
	void worker.drain();
	warmPasswordStrength();
	return {
		db,
		worker,
		digest,
		reminders,
		endLiveFeeds,
		app,
		seededDemo,
		async close() {
			clearInterval(housekeeping);
			clearInterval(dailyPurge);
			digest.stop();
			reminders.stop();
			offerExpiry.stop();
			commissionApply.stop();
			billingResume.stop();
			paymentReconcile.stop();
			requestEventsBus(db).off('changed', wakeWorker);
			endLiveFeeds();
			await worker.stop();
			await checkpointer.stop();
			db.close();
		}
	};
}
