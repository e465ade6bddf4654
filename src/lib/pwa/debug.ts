// Diagnostics hook: with localStorage "ef:debug" = "1" (set by support staff or the e2e tests),
// the sync controller and update state are reachable from the console. Off by default.
import { syncManager } from '$sync/sync-manager.svelte';
import { appUpdate } from './app-update.svelte';
import { formGuard } from './form-guard.svelte';

export function exposeDiagnostics(): void {
	try {
		if (localStorage.getItem('ef:debug') !== '1') return;
	} catch {
		return;
	}
	Object.assign(window, { __espaceFamille: { syncManager, appUpdate, formGuard } });
}
