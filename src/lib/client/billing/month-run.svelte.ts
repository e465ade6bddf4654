// The desk's « Facturation du mois »: the chosen month's preview, issuing its invoices, the run's
// live progress (polled every second, picked up again after a reload while it runs) and the
// previous runs. Errors are French sentences; what changes is said in `announced`.
import { billingApi } from './api';
import { invoicesText, ofMonth, progressText } from './format';
import type { InvoiceRun, MonthPreview } from './types';

export const POLL_MS = 1000;

export class MonthRun {
	month = $state('');
	preview = $state<MonthPreview | null>(null);
	runs = $state<InvoiceRun[]>([]);
	/** The run followed on screen: the one running, or the one just finished. */
	run = $state<InvoiceRun | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	/** For the page's live region. */
	announced = $state('');

	private timer: ReturnType<typeof setTimeout> | null = null;
	private stopped = false;

	constructor(month: string) {
		this.month = month;
	}

	get running(): boolean {
		return this.run?.status === 'running';
	}

	/** The preview of the month and the runs; a run still running is followed again. */
	async load(): Promise<void> {
		this.loading = true;
		const [preview, runs] = await Promise.all([billingApi.preview(this.month), billingApi.runs()]);
		this.loading = false;
		if (!preview.ok) {
			this.preview = null;
			this.error = preview.error.message;
		} else {
			this.preview = preview.data;
			this.error = null;
		}
		if (runs.ok) {
			this.runs = runs.data.items;
			const running = runs.data.items.find((r) => r.status === 'running');
			if (running && !this.timer) this.follow(running);
		} else this.error ??= runs.error.message;
	}

	async choose(month: string): Promise<void> {
		if (month === this.month && this.preview) return;
		this.month = month;
		if (!this.running) this.run = null;
		await this.load();
	}

	/** Issues the month's invoices; null when started, else the French reason. */
	async issue(): Promise<string | null> {
		const started = await billingApi.startRun(this.month);
		if (!started.ok) return started.error.message;
		const run = await billingApi.run(started.data.id);
		const current: InvoiceRun = run.ok
			? run.data
			: {
					id: started.data.id,
					month: this.month,
					status: 'running',
					planned: this.preview?.count ?? 0,
					issued: 0,
					totalCents: 0,
					printCount: 0,
					startedAt: '',
					finishedAt: null
				};
		// A small month may be issued before its first reading.
		if (current.status === 'running') this.follow(current);
		else {
			this.run = current;
			await this.finished(current);
		}
		return null;
	}

	/** Stops polling (the page is left). */
	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	private follow(run: InvoiceRun): void {
		this.run = run;
		if (run.status !== 'running') return;
		this.announced = `Émission des factures ${ofMonth(run.month)} en cours : ${progressText(run.issued, run.planned)}.`;
		this.schedule();
	}

	private schedule(): void {
		if (this.stopped) return;
		this.timer = setTimeout(() => void this.poll(), POLL_MS);
	}

	private async poll(): Promise<void> {
		this.timer = null;
		const id = this.run?.id;
		if (!id || this.stopped) return;
		const result = await billingApi.run(id);
		if (this.stopped) return;
		if (!result.ok) {
			// Keep trying: the run goes on on the server whatever the desk's network does.
			this.error = result.error.message;
			this.schedule();
			return;
		}
		this.error = null;
		this.run = result.data;
		if (result.data.status === 'running') {
			this.schedule();
			return;
		}
		await this.finished(result.data);
	}

	private async finished(run: InvoiceRun): Promise<void> {
		this.month = run.month;
		await this.load();
		this.announced = `Émission terminée : ${invoicesText(run.issued)} ${ofMonth(run.month)} émise${run.issued > 1 ? 's' : ''}.`;
	}
}
