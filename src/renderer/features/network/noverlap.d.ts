// graphology-layout-noverlap's web worker body and default settings, which its package ships untyped.
declare module 'graphology-layout-noverlap/webworker.js' {
  /** The worker's whole code as one function: each message `{ settings, nodes }` runs one iteration and posts `{ result: { converged }, nodes }` back. */
  const worker: () => void;
  export default worker;
}
declare module 'graphology-layout-noverlap/defaults.js' {
  const defaults: { gridSize: number; margin: number; expansion: number; ratio: number; speed: number };
  export default defaults;
}
