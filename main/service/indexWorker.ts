/**
 * The entry of an index worker thread (see workerMain.ts). Bundled to `dist/indexWorker.js`;
 * run from sources under tsx in tests.
 */
import { runIndexWorker } from './workerMain';

runIndexWorker();
