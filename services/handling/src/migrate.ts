import { runMigrateMain } from '@hotline/platform';
import { handlingService } from './handling.service';

runMigrateMain(handlingService);
