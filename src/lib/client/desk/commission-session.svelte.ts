// One commission session as the agents prepare it: the files and the server's proposal, the
// adjustments (each with its reason) and the manual checks, the capacities, the closing. Every
// change answers with the new proposal; what moved in the places left is announced.
import { commissionApi } from './commission-api';
import { placesChanges } from './commission-format';
import type {
	AdjustmentInput,
	CloseResult,
	SessionFiles,
	StructureCapacity
} from './commission-types';

export const REASON_REQUIRED = 'Indiquez le motif de cet ajustement.';
export const STRUCTURE_REQUIRED = 'Choisissez la structure où proposer la place.';
export const MEMBERS_REQUIRED = 'Indiquez les membres présents à la commission.';

export class CommissionSessionFile {
	data = $state<SessionFiles | null>(null);
	capacities = $state<StructureCapacity[]>([]);
	error = $state<string | null>(null);
	missing = $state(false);
	/** For the page's live region. */
	announced = $state('');
	closeResult = $state<CloseResult | null>(null);

	constructor(readonly id: string) {}

	async load(): Promise<void> {
		const result = await commissionApi.files(this.id);
		if (!result.ok) {
			this.error = result.error.message;
			this.missing = result.status === 404;
			return;
		}
		this.error = null;
		this.data = result.data;
	}

	async loadCapacities(): Promise<void> {
		const result = await commissionApi.capacities(this.id);
		if (result.ok) this.capacities = result.data.items;
		else this.error = result.error.message;
	}

	async saveCapacities(items: StructureCapacity[]): Promise<string | null> {
		const result = await commissionApi.saveCapacities(this.id, items);
		if (!result.ok) return result.error.message;
		this.capacities = result.data.items;
		await this.refresh('Capacités enregistrées.');
		return null;
	}

	/** Null when done, else the French reason. */
	async adjust(number: number, input: AdjustmentInput): Promise<string | null> {
		const reason = input.reason.trim();
		if (!reason) return REASON_REQUIRED;
		if (input.kind === 'assign' && !input.structureId) return STRUCTURE_REQUIRED;
		const body: AdjustmentInput =
			input.kind === 'assign'
				? { kind: 'assign', structureId: input.structureId, reason }
				: { kind: input.kind, reason };
		const result = await commissionApi.adjust(this.id, number, body);
		if (!result.ok) return result.error.message;
		this.show(result.data, `Demande n° ${number} ajustée.`);
		return null;
	}

	async unadjust(number: number): Promise<string | null> {
		const result = await commissionApi.unadjust(this.id, number);
		if (!result.ok) return result.error.message;
		const said = `Demande n° ${number} : retour à la proposition.`;
		if (result.data && typeof result.data === 'object' && 'placesLeft' in result.data)
			this.show(result.data, said);
		else await this.refresh(said);
		return null;
	}

	async check(number: number, criterionId: string, met: boolean): Promise<string | null> {
		const result = await commissionApi.check(number, criterionId, met);
		if (!result.ok) return result.error.message;
		await this.refresh(`Demande n° ${number} : critère ${met ? 'coché' : 'décoché'}.`);
		return null;
	}

	async close(members: string): Promise<string | null> {
		if (!members.trim()) return MEMBERS_REQUIRED;
		const result = await commissionApi.close(this.id, members.trim());
		if (!result.ok) return result.error.message;
		this.closeResult = result.data;
		await this.load();
		this.announced = 'La commission est close : ses décisions sont figées.';
		return null;
	}

	/** Reads the files again (the score or the places may have moved) and says what changed. */
	private async refresh(said: string) {
		const before = this.data;
		await this.load();
		if (this.data && this.data !== before) this.show(this.data, said, before);
	}

	private show(next: SessionFiles, said: string, before = this.data) {
		const moved = placesChanges(before?.placesLeft ?? [], next.placesLeft);
		this.data = next;
		this.announced = moved ? `${said} ${moved}` : said;
	}
}
