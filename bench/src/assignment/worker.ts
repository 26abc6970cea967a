// Worker thread: solves one part's flow. Kept out of domain (worker_threads is I/O-ish and Node-only).
import { parentPort } from 'node:worker_threads';
import { solvePartFlow, type CanonicalInstance, type FlowUnits } from '../../../packages/domain/src/assignment/index.js';

parentPort!.on('message', (msg: { id: number; instance: CanonicalInstance; units: FlowUnits }) => {
  const r = solvePartFlow(msg.instance, msg.units);
  if (r.feasible) parentPort!.postMessage({ id: msg.id, result: r }, [r.candFlow.buffer as ArrayBuffer]);
  else parentPort!.postMessage({ id: msg.id, result: r });
});
