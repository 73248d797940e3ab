import { runExportArchiveMain } from './archive/export-archive-command';

runExportArchiveMain();
