import { runMigrateMain } from '@hotline/platform';
import { analyticsService } from './analytics.service';

runMigrateMain(analyticsService);
