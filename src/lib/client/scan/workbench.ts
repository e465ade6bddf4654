// The scan workbench: the pages of the piece being prepared and its details, kept in IndexedDB
// through Dexie (device-only, never synced) so a reload, a closed tab or a killed app loses no
// page. When the parent saves, the pages become a `piece` in the household's PouchDB
// (piece.service) and the workbench is emptied. Erased at sign-out with the family's data.
import Dexie, { type EntityTable } from 'dexie';
import type { PreparedPage } from './prepare-page';

export interface WorkbenchPage extends PreparedPage {
	id: string;
	position: number;
}

export interface WorkbenchDetails {
	key: 'current';
	kind?: string;
	personId?: string;
	label?: string;
}

class ScanDb extends Dexie {
	pages!: EntityTable<WorkbenchPage, 'id'>;
	details!: EntityTable<WorkbenchDetails, 'key'>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({ pages: 'id, position', details: 'key' });
	}
}

export const WORKBENCH_DB = 'ef-scan';

export function createWorkbench(name = WORKBENCH_DB) {
	let db: ScanDb | null = null;
	const open = () => (db ??= new ScanDb(name));

	async function pages(): Promise<WorkbenchPage[]> {
		return open().pages.orderBy('position').toArray();
	}

	return {
		pages,
		async add(page: PreparedPage): Promise<WorkbenchPage> {
			const last = await open().pages.orderBy('position').last();
			const entry = { ...page, id: crypto.randomUUID(), position: (last?.position ?? 0) + 1 };
			await open().pages.add(entry);
			return entry;
		},
		async replace(id: string, page: PreparedPage): Promise<void> {
			await open().pages.update(id, { ...page });
		},
		async remove(id: string): Promise<void> {
			await open().pages.delete(id);
		},
		/** Moves a page one place earlier (-1) or later (+1). */
		async move(id: string, delta: -1 | 1): Promise<void> {
			const d = open();
			await d.transaction('rw', d.pages, async () => {
				const list = await d.pages.orderBy('position').toArray();
				const i = list.findIndex((p) => p.id === id);
				const j = i + delta;
				if (i < 0 || j < 0 || j >= list.length) return;
				await d.pages.update(list[i]!.id, { position: list[j]!.position });
				await d.pages.update(list[j]!.id, { position: list[i]!.position });
			});
		},
		async details(): Promise<WorkbenchDetails> {
			return (await open().details.get('current')) ?? { key: 'current' };
		},
		async setDetails(patch: Omit<WorkbenchDetails, 'key'>): Promise<void> {
			const current = await open().details.get('current');
			await open().details.put({ ...current, ...patch, key: 'current' });
		},
		/** Empties the workbench (after saving the piece, or when the parent gives up). */
		async clear(): Promise<void> {
			const d = open();
			await d.transaction('rw', d.pages, d.details, async () => {
				await d.pages.clear();
				await d.details.clear();
			});
		},
		/** Deletes the whole store (sign-out). */
		async erase(): Promise<void> {
			db?.close();
			db = null;
			await Dexie.delete(name);
		}
	};
}

export type Workbench = ReturnType<typeof createWorkbench>;
export const workbench = createWorkbench();
