// pouchdb-browser ships no types; the controller only relies on the slice in pouch-types.ts.
declare module 'pouchdb-browser' {
	const PouchDB: import('./pouch-types').PouchConstructor;
	export default PouchDB;
}
