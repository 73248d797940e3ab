import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import type { Role } from '@hotline/vocabulary';
import { classificationModels, classificationQuality } from './classification.queries';
import { ImportTrainingBody, OutcomeBody, qualityWindow, QualityQuery, RunIdParam, SuggestBody, SuggestionIdParam } from './classification.schemas';
import { ClassificationTraining } from './classification-training';
import { ClassifierCache } from './classifier-cache';
import { importTraining } from './import-training.command';
import { recordSuggestionOutcome } from './record-outcome.command';
import { suggestClassification } from './suggest-classification.command';
import { trainingRun } from './training-runs.query';

/** Who classifies at intake (agents, and supervisors standing in), who watches the figures, who trains. */
const CLASSIFIERS: Role[] = ['agent', 'supervisor'];
const OVERSEERS: Role[] = ['supervisor', 'tenant-admin'];
const TRAINERS: Role[] = ['tenant-admin'];

/**
 * Classification suggestions (issue 14): the tenant's own model suggests the content category
 * while the agent types, keyword rules the type and urgency; the agent's choice is recorded
 * against each suggestion, and the model is retrained on the confirmed requests, replacing the
 * active one only when it does better on the most recent ones.
 */
@ApiTags('classification')
@ApiBearerAuth()
@Controller('v1/classification')
export class ClassificationController {
  constructor(
    private readonly db: TenantDb,
    private readonly cache: ClassifierCache,
    private readonly training: ClassificationTraining,
  ) {}

  @Post('suggestions')
  @HttpCode(200)
  @ApiZodBody(SuggestBody)
  @Roles(...CLASSIFIERS)
  suggest(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(SuggestBody, body);
    return this.db.run(who.tenantId, (m) => suggestClassification(m, this.cache, who, input));
  }

  @Post('suggestions/:id/outcome')
  @HttpCode(200)
  @ApiZodBody(OutcomeBody)
  @Roles(...CLASSIFIERS)
  outcome(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const suggestionId = validate(SuggestionIdParam, id, 'id');
    const input = validate(OutcomeBody, body);
    return this.db.run(who.tenantId, (m) => recordSuggestionOutcome(m, this.cache, who, suggestionId, input));
  }

  @Get('quality')
  @ApiZodQuery(QualityQuery)
  @Roles(...OVERSEERS)
  quality(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = qualityWindow(validate(QualityQuery, query, 'query'));
    return this.db.read(who.tenantId, (m) => classificationQuality(m, input));
  }

  @Get('models')
  @Roles(...OVERSEERS)
  models(@CurrentIdentity() who: Identity) {
    return this.db.read(who.tenantId, (m) => classificationModels(m));
  }

  @Post('models/training')
  @HttpCode(202)
  @Roles(...TRAINERS)
  async train(@CurrentIdentity() who: Identity) {
    const runId = await this.training.start(who.tenantId, 'admin', who.subject, { kind: 'requests' });
    return trainingRun(this.db, who.tenantId, runId);
  }

  @Get('models/training/:runId')
  @Roles(...OVERSEERS)
  run(@CurrentIdentity() who: Identity, @Param('runId') runId: string) {
    return trainingRun(this.db, who.tenantId, validate(RunIdParam, runId, 'runId'));
  }

  @Post('models/import-training')
  @HttpCode(202)
  @ApiZodBody(ImportTrainingBody)
  @Roles(...TRAINERS)
  importTraining(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(ImportTrainingBody, body);
    return importTraining(this.db, this.training, who, input);
  }
}
