// Starts the inference worker: worker threads do not inherit tsx from the thread that spawned them.
import { register } from 'tsx/esm/api';

register();
await import('./inference-worker.ts');
