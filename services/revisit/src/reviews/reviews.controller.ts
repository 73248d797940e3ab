import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Outbox, Roles, TenantDb, validate } from '@hotline/platform';
import { decideReview } from './decide-review.command';
import { listReviews } from './review-queue.query';
import { assistInputsOf } from './reviews.repository';
import { DecisionBody, ListReviewsQuery, parseDecision } from './reviews.schemas';
import { toReviewView } from './reviews.views';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller('v1/reviews')
export class ReviewsController {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: Outbox,
  ) {}

  @Get()
  @ApiZodQuery(ListReviewsQuery)
  @Roles('reviewer', 'supervisor')
  async list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListReviewsQuery, query, 'query');
    const items = await this.db.run(who.tenantId, async (m) => {
      const reviews = await listReviews(m, input);
      const inputs = await assistInputsOf(m, reviews.filter((r) => r.role === 'primary').map((r) => r.requestId));
      return reviews.map((r) => toReviewView(r, inputs.get(r.requestId)));
    });
    return { items, limit: input.limit, offset: input.offset };
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiZodBody(DecisionBody)
  @Roles('reviewer')
  async decide(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const { reviewId, decision } = parseDecision(id, body);
    const review = await this.db.run(who.tenantId, (m) => decideReview(m, this.outbox, who, reviewId, decision));
    return toReviewView(review);
  }
}
