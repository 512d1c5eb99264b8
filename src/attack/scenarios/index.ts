import type {Scenario} from '../scenario-kit.js';
import type {ScenarioId} from '../types.js';
import {t01} from './t01-bit-flip.js';
import {t02} from './t02-padding-oracle.js';
import {t03} from './t03-replay-a1.js';
import {t04} from './t04-replay-a0.js';
import {t05} from './t05-key-swap.js';
import {t06} from './t06-old-ephemeral.js';
import {t07} from './t07-swap-a3.js';
import {t08} from './t08-relay.js';
import {t09} from './t09-session-requests.js';
import {t10} from './t10-invalid-points.js';
import {t11} from './t11-signature-variants.js';
import {t12} from './t12-expired-unknown-reflected.js';
import {t13} from './t13-empty-key-mac.js';
import {t14} from './t14-enumeration.js';

/** Every scenario's runners, by id. */
export const SCENARIO_RUNNERS: Readonly<Record<ScenarioId, Scenario>> = Object.fromEntries(
  [t01, t02, t03, t04, t05, t06, t07, t08, t09, t10, t11, t12, t13, t14].map((s) => [s.id, s]),
) as Record<ScenarioId, Scenario>;
