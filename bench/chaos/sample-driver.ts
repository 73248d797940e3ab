import { REQUEST_STATUSES, RequestStatus } from '@hotline/vocabulary';
import type { ChaosPlatform } from './platform';
import type { PrivatePostgres } from './private-postgres';

/** How far a driven request got: each step a 2xx answer (or the state read back) confirmed. */
export type DriverStep = 'signed' | 'answered' | 'reviewed' | 'revisited';
const STEPS: readonly DriverStep[] = ['signed', 'answered', 'reviewed', 'revisited'];

interface Driven {
  number: string;
  step?: DriverStep;
}

interface WorkOrderView {
  id: string;
  role: string;
  status: string;
  unitCode: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rank = (status: string) => REQUEST_STATUSES.indexOf(status as RequestStatus);

/**
 * Takes a sample of accepted requests further, as the people would through the APIs: the
 * primary unit signs, the assisting units give their input, the primary answers, the reviewer passes the answer, an agent records the revisit
 * (so the request closes and is archived). Each pass makes at most one step per request and
 * anything failing (a fault in progress) is tried again on the next pass. The ids the API
 * calls need are looked up in the services' databases, as a person would read them on screen.
 */
export class SampleDriver {
  private readonly driven: Driven[] = [];
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly platform: ChaosPlatform,
    private readonly postgres: PrivatePostgres,
  ) {}

  add(number: string): void {
    this.driven.push({ number });
  }

  /** The furthest confirmed step of each driven request, by number. */
  steps(): Map<string, DriverStep | undefined> {
    return new Map(this.driven.map((d) => [d.number, d.step]));
  }

  get finished(): boolean {
    return this.driven.every((d) => d.step === 'revisited');
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        for (const d of this.driven) if (this.running && d.step !== 'revisited') await this.advance(d).catch(() => undefined);
        await sleep(500);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private confirm(d: Driven, step: DriverStep): void {
    if (!d.step || STEPS.indexOf(step) > STEPS.indexOf(d.step)) d.step = step;
  }

  private async advance(d: Driven): Promise<void> {
    const [request] = await this.postgres.query<{ id: string; status: string }>(
      this.platform.database('intake'),
      'select id, status from requests where number = $1',
      [d.number],
    );
    if (!request) return;
    if (rank(request.status) >= rank('revisited')) return this.confirm(d, 'revisited');
    const supervisor = await this.platform.tokens.of('supervisor');
    const list = await this.platform.api('handling', 'GET', `/v1/work-orders?requestId=${request.id}`, supervisor);
    const orders = (list.body as { items?: WorkOrderView[] } | undefined)?.items ?? [];
    const order = orders.find((o) => o.role === 'primary');
    if (list.status !== 200 || !order) return;
    const unit = await this.platform.tokens.unitOperator(order.unitCode);
    switch (order.status) {
      case 'awaiting-sign':
        if ((await this.platform.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, unit)).status < 300) this.confirm(d, 'signed');
        return;
      case 'in-progress': {
        this.confirm(d, 'signed');
        // The assisting units give their input first: the lead answers with it (ADR 0026).
        for (const assisting of orders.filter((o) => o.role === 'assisting' && (o.status === 'awaiting-sign' || o.status === 'in-progress')))
          await this.giveInput(assisting);
        const answer = { answer: '已督促物业公司维修，电梯已恢复运行。', basis: '《物业管理条例》第三十五条', contactRecord: '电话联系诉求人，告知结果。' };
        if ((await this.platform.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, unit, answer)).status < 300) this.confirm(d, 'answered');
        return;
      }
      case 'answered':
        this.confirm(d, 'answered');
        return this.review(d, order.id);
      case 'reviewed':
        this.confirm(d, 'reviewed');
        return this.revisit(d, request.id);
    }
  }

  /** An assisting unit signs for its share and gives its input (协办意见) into the lead's order. */
  private async giveInput(order: WorkOrderView): Promise<void> {
    const unit = await this.platform.tokens.unitOperator(order.unitCode);
    if (order.status === 'awaiting-sign') await this.platform.api('handling', 'POST', `/v1/work-orders/${order.id}/sign`, unit);
    const input = { answer: '街道已配合现场核查。', basis: '属地管理职责', contactRecord: '由主办单位联系诉求人。' };
    await this.platform.api('handling', 'POST', `/v1/work-orders/${order.id}/answer`, unit, input);
  }

  private async review(d: Driven, workOrderId: string): Promise<void> {
    const [review] = await this.postgres.query<{ id: string }>(
      this.platform.database('revisit'),
      `select id from reviews where work_order_id = $1 and status = 'pending'`,
      [workOrderId],
    );
    if (!review) return;
    const reviewer = await this.platform.tokens.of('reviewer');
    const res = await this.platform.api('revisit', 'POST', `/v1/reviews/${review.id}/decision`, reviewer, { passed: true });
    if (res.status < 300) this.confirm(d, 'reviewed');
  }

  private async revisit(d: Driven, requestId: string): Promise<void> {
    const agent = await this.platform.tokens.of('agent');
    const body = { requestId, method: 'phone', resolved: true, satisfaction: 'satisfied' };
    if ((await this.platform.api('revisit', 'POST', '/v1/revisits', agent, body)).status < 300) this.confirm(d, 'revisited');
  }
}
