import { runMigrateMain } from '@hotline/platform';
import { revisitService } from './revisit.service';

runMigrateMain(revisitService);
