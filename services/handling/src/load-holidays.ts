// node dist/services/handling/src/load-holidays.js --year <year> --file holidays.json (DATABASE_URL set)
import { runLoadHolidaysMain } from './calendar/load-holidays-command';

runLoadHolidaysMain();
