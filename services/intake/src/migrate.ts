import { runMigrateMain } from '@hotline/platform';
import { intakeService } from './intake.service';

runMigrateMain(intakeService);
