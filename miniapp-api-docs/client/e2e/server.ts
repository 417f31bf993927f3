/** The server under test (GRIDGOV_E2E_URL, set by e2e.sh) and the users of the mini program talking to it. */
import { GridGovClient, GridGovError, memoryTokenStore, TokenStore } from '../gridgov';
import { NodeWx } from './node-wx';

export const BASE_URL = process.env.GRIDGOV_E2E_URL ?? '';
/** Why the end-to-end tests are skipped (no server), or false. */
export const SKIP = BASE_URL === '' ? 'GRIDGOV_E2E_URL not set (run e2e.sh)' : false;
/** The password of every demo staff account. */
export const DEMO_PASSWORD = 'gridgov-demo';
/** How long any one step may take before the test fails (the whole run stays well under a minute). */
export const STEP_TIMEOUT_MS = 15_000;

/** A user of the mini program: its own wx (real network), token store and client. */
export function user(language: 'zh' | 'en' = 'zh') {
  const wx = new NodeWx();
  const store: TokenStore = memoryTokenStore();
  const ended: GridGovError[] = [];
  const client = new GridGovClient({
    baseUrl: BASE_URL, wx, tokens: store, timeoutMs: STEP_TIMEOUT_MS, language,
    retryDelayMs: () => 0, onSessionEnded: reason => ended.push(reason),
  });
  return { wx, store, client, ended };
}
