// Public API of the installable-app layer for the rest of the UI.
export { connectivity, NEEDS_NETWORK } from './connectivity.svelte';
export { formGuard } from './form-guard.svelte';
export { appUpdate } from './app-update.svelte';
export { install } from './install.svelte';
export { syncManager } from '$sync/sync-manager.svelte';
export { default as InstallAction } from './InstallAction.svelte';
