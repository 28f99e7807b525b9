/**
 * The mock back end: `createPilotHandlers()` serves the REST contract (docs/openapi.yaml) from the synthetic pilot;
 * `faultHandlers` put every endpoint into one failure state for stories and tests.
 *
 *   const worker = setupWorker(...createPilotHandlers());
 *   worker.use(...faultHandlers.unauthorized());
 */
export { createPilotHandlers, type PilotHandlerOptions } from './handlers/pilot.js';
export { faultHandlers, type FaultOptions } from './handlers/faults.js';
