import type { PrivateNatsServer } from '@hotline/testing';
import { SERVICE_NAMES, ServiceName } from '@hotline/vocabulary';
import type { ChaosPlatform } from './platform';
import type { PrivatePostgres } from './private-postgres';

export interface FaultContext {
  platform: ChaosPlatform;
  postgres: PrivatePostgres;
  nats: PrivateNatsServer;
}

export interface Scenario {
  name: string;
  fault: string;
  /** Inflicts the fault and ends it (restart, reopen) before it returns. */
  inflict(ctx: FaultContext): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A restart "after a few seconds": long enough for every client and peer to notice it is gone. */
const RESTART_AFTER_MS = 5_000;

function killService(service: ServiceName): Scenario {
  return {
    name: `kill-${service}`,
    fault: `kill -9 ${service}, started again ${RESTART_AFTER_MS / 1000} s later`,
    async inflict({ platform }) {
      await platform.kill(service);
      await sleep(RESTART_AFTER_MS);
      await platform.restart(service);
    },
  };
}

const natsRestart: Scenario = {
  name: 'nats-restart',
  fault: `nats-server killed (-9) and started again ${RESTART_AFTER_MS / 1000} s later on its store`,
  async inflict({ nats }) {
    await nats.pause();
    await sleep(RESTART_AFTER_MS);
    await nats.resume();
  },
};

function postgresRestart(seconds: number): Scenario {
  return {
    name: `postgres-restart-${seconds}s`,
    fault: `PostgreSQL stopped (fast shutdown), started again ${seconds} s later`,
    async inflict({ postgres }) {
      postgres.stop();
      await sleep(seconds * 1000);
      postgres.start();
    },
  };
}

function databaseOutage(service: ServiceName, seconds: number): Scenario {
  return {
    name: `${service}-db-down-${seconds}s`,
    fault: `${service}'s database alone closed (allow_connections false, sessions terminated) for ${seconds} s`,
    async inflict({ platform, postgres }) {
      await postgres.closeDatabase(platform.database(service));
      await sleep(seconds * 1000);
      await postgres.openDatabase(platform.database(service));
    },
  };
}

/**
 * dispatch's database is the one to close: intake keeps accepting while the first consumer of
 * every request cannot apply it, which is where an outage longer than the redelivery budget
 * (eight deliveries, about 32 s of backoff before the fix) loses events.
 */
const OUTAGE_SERVICE: ServiceName = 'dispatch';

export const FULL: readonly Scenario[] = [
  ...SERVICE_NAMES.map(killService),
  natsRestart,
  postgresRestart(10),
  postgresRestart(45),
  postgresRestart(120),
  databaseOutage(OUTAGE_SERVICE, 120),
];

/** A couple of minutes: one crash, and one database down long enough to outlast the redelivery budget. */
export const SHORT: readonly Scenario[] = [killService('intake'), databaseOutage(OUTAGE_SERVICE, 45)];

export const ALL: readonly Scenario[] = [...FULL, ...SHORT.filter((s) => !FULL.some((f) => f.name === s.name))];
