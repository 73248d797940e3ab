import { runMigrateMain } from '@hotline/platform';
import { dispatchService } from './dispatch.service';

runMigrateMain(dispatchService);
