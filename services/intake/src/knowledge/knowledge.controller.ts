import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, CurrentIdentity, Identity, Roles, TenantDb, validate } from '@hotline/platform';
import { HOTLINE_WIDE_ROLES, Role } from '@hotline/vocabulary';
import { importArticles } from './import-articles.command';
import {
  ArticleBody,
  ArticleIdParam,
  BatchReviewBody,
  ImportBody,
  ListArticlesQuery,
  ReviewBody,
  SearchQuery,
  SuggestQuery,
  VersionParam,
} from './knowledge.schemas';
import { reviewArticleVersion, reviewArticleVersions } from './review-article.command';
import { getArticle, listArticleVersions, searchArticles, suggestArticles } from './search-articles.query';
import { addArticleVersion, createArticle } from './write-article.command';

/** Who writes articles (the hotline's 知识库管理员 are its supervisors and admins) and who reviews them. */
const AUTHORS: Role[] = ['supervisor', 'tenant-admin'];
const REVIEWERS: Role[] = ['reviewer', 'supervisor'];
const READERS: Role[] = ['agent', ...HOTLINE_WIDE_ROLES];

/**
 * The knowledge base (知识库) agents answer from (直接办理): versioned articles, reviewed before
 * they are published and due for review after, imported by up to 1,000, searched by character
 * bigrams with suggestions while the agent types.
 */
@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('v1/knowledge')
export class KnowledgeController {
  constructor(private readonly db: TenantDb) {}

  @Post('articles')
  @HttpCode(201)
  @ApiZodBody(ArticleBody)
  @Roles(...AUTHORS)
  create(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(ArticleBody, body);
    return this.db.run(who.tenantId, (m) => createArticle(m, who, input));
  }

  @Post('articles/:id/versions')
  @HttpCode(201)
  @ApiZodBody(ArticleBody)
  @Roles(...AUTHORS)
  addVersion(@CurrentIdentity() who: Identity, @Param('id') id: string, @Body() body: unknown) {
    const articleId = validate(ArticleIdParam, id, 'id');
    const input = validate(ArticleBody, body);
    return this.db.run(who.tenantId, (m) => addArticleVersion(m, who, articleId, input));
  }

  @Post('articles/:id/versions/:version/review')
  @HttpCode(200)
  @ApiZodBody(ReviewBody)
  @Roles(...REVIEWERS)
  review(@CurrentIdentity() who: Identity, @Param('id') id: string, @Param('version') version: string, @Body() body: unknown) {
    const articleId = validate(ArticleIdParam, id, 'id');
    const n = validate(VersionParam, version, 'version');
    const input = validate(ReviewBody, body);
    return this.db.run(who.tenantId, (m) => reviewArticleVersion(m, who, articleId, n, input));
  }

  @Post('reviews')
  @HttpCode(200)
  @ApiZodBody(BatchReviewBody)
  @Roles(...REVIEWERS)
  reviewMany(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(BatchReviewBody, body);
    return this.db.run(who.tenantId, (m) => reviewArticleVersions(m, who, input));
  }

  @Post('imports')
  @HttpCode(200)
  @ApiZodBody(ImportBody)
  @Roles(...AUTHORS)
  import(@CurrentIdentity() who: Identity, @Body() body: unknown) {
    const input = validate(ImportBody, body);
    return this.db.run(who.tenantId, (m) => importArticles(m, who, input));
  }

  @Get('articles')
  @ApiZodQuery(ListArticlesQuery)
  @Roles(...READERS)
  list(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(ListArticlesQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => listArticleVersions(m, input));
  }

  @Get('articles/:id')
  @Roles(...READERS)
  get(@CurrentIdentity() who: Identity, @Param('id') id: string) {
    const articleId = validate(ArticleIdParam, id, 'id');
    return this.db.read(who.tenantId, (m) => getArticle(m, articleId));
  }

  @Get('search')
  @ApiZodQuery(SearchQuery)
  @Roles(...READERS)
  search(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const input = validate(SearchQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => searchArticles(m, input));
  }

  @Get('suggestions')
  @ApiZodQuery(SuggestQuery)
  @Roles(...READERS)
  suggest(@CurrentIdentity() who: Identity, @Query() query: unknown) {
    const { q } = validate(SuggestQuery, query, 'query');
    return this.db.read(who.tenantId, (m) => suggestArticles(m, q));
  }
}
