// Run by determinism.test.ts in a separate Node process: prints the draw record of a fixed instance.
import { drawAssignment, deriveSeed } from './index.js';
import { randomInstance } from './test-helpers.js';

const input = randomInstance(7, { apps: 60, experts: 40, k: 3, density: 0.9 });
const r = drawAssignment(input, { seed: deriveSeed(['determinism', '2026']), cap: { numerator: 2, denominator: 5 } });
if (!r.feasible) throw new Error('infeasible');
console.log(JSON.stringify(r.record));
