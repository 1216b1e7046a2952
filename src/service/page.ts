import express from 'express';
import type { Decision, KeyRecord, Store } from './store/types.js';

export interface PageDeps {
  store: Store;
  authenticate: (header: string | undefined) => Promise<KeyRecord | undefined>;
  decide: (key: KeyRecord, id: string, body: unknown) => Promise<Decision>;
  secureCookies: boolean;
}

export function createPage(_deps: PageDeps): express.Router {
  return express.Router();
}
