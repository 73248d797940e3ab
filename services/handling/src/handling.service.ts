import { ServiceDefinition } from '@hotline/platform';
import { CalendarController } from './calendar/calendar.controller';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { handlingGrpc } from './deadlines/deadlines.grpc';
import { entities, migrations } from './persistence/schema';

/** handling: the tenant working calendar and deadline computation (办理时限). */
export const handlingService: ServiceDefinition = {
  name: 'handling',
  description:
    "Handling (办理): work orders per unit, the tenant's working calendar and time-limit table, sign-for and answers, overdue timers.",
  entities,
  migrations,
  controllers: [CalendarController, DeadlinesController],
  grpc: (ctx) => [handlingGrpc(ctx)],
};
