import { parentPort, workerData } from 'node:worker_threads';
import { runTrainingJob, TrainingJob } from './training-job';

// The body of a training thread (training-runner.ts starts it): one job in, one result out.
try {
  const result = runTrainingJob((workerData as { job: TrainingJob }).job);
  parentPort?.postMessage({ ok: true, result }, [result.model.buffer as ArrayBuffer]);
} catch (err) {
  parentPort?.postMessage({ ok: false, message: (err as Error).message });
}
