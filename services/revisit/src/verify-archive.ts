import { runVerifyArchiveMain } from './archive/verify-archive-command';

runVerifyArchiveMain();
