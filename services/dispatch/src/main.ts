// Tracing first, so its instrumentations patch http, fastify, grpc and pg before they load.
import '@hotline/platform/register-tracing';
import { runServiceMain } from '@hotline/platform';
import { dispatchService } from './dispatch.service';

runServiceMain(dispatchService);
