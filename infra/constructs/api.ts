/**
 * The HTTP API and its functions. Routes are generated from `ROUTES` (the same table the local
 * gateway serves): one Lambda function per `FUNCTION_NAMES` entry, one integration per function,
 * and the JWT authorizer on every route whose `auth` is `user`.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTION_NAMES, type FunctionName, type RouteDef, routeKey } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';
import { accessOf } from '../access.ts';
import { AppFunction } from './app-function.ts';
import type { Data } from './data.ts';

export interface ApiProps {
  data: Data;
  /** JWT issuer (Cognito user pool URL) and audience (web app client id). */
  jwt: { issuer: string; audience: string };
  /** The only origin browsers may call the API from, e.g. `https://d123.cloudfront.net`. */
  webOrigin: string;
  /** Environment every function gets (config.ts names). */
  environment: Record<string, string>;
  /** Steady-state requests per second and burst, for the whole stage. */
  throttle: { rateLimit: number; burstLimit: number };
  /** The routes to deploy. @default ROUTES */
  routes?: readonly RouteDef[];
}

/** Request headers the API reads (RouteDef.headers and .version, shared/http/middleware/idempotency.ts). */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'if-match', 'idempotency-key'];

/**
 * Functions that need more than the defaults: summaries render 6 languages × 4 formats per
 * generation (PDF in Arabic and Chinese included, the CJK face is 8 MB to parse on a cold start);
 * the HTTP API integration limit is 29 s.
 */
const SIZING: Partial<Record<FunctionName, { timeout: Duration; memorySize: number }>> = {
  summaries: { timeout: Duration.seconds(28), memorySize: 1024 },
};

export class Api extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly functions: Record<FunctionName, AppFunction>;
  public readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const routes = props.routes ?? (ROUTES as readonly RouteDef[]);

    const functions = {} as Record<FunctionName, AppFunction>;
    for (const name of FUNCTION_NAMES) {
      const fn = new AppFunction(this, `Fn-${name}`, {
        entry: `functions/${name}.ts`,
        name,
        environment: props.environment,
        ...SIZING[name],
      });
      props.data.grant(fn, accessOf(name));
      functions[name] = fn;
    }
    this.functions = functions;

    const methods = [...new Set(routes.map((r) => r.method))].sort();
    this.httpApi = new HttpApi(this, 'Http', {
      apiName: 'cop-review',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: [...methods.map((m) => CorsHttpMethod[m]), CorsHttpMethod.OPTIONS],
        allowHeaders: ALLOWED_HEADERS,
        exposeHeaders: ['etag', 'location'],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('Cognito', props.jwt.issuer, {
      jwtAudience: [props.jwt.audience],
      authorizerName: 'cognito',
    });
    // One API-scoped invoke permission per function rather than one per route (policy size).
    const integrations = new Map(
      FUNCTION_NAMES.map((name) => [
        name,
        new HttpLambdaIntegration(`Integration-${name}`, functions[name], { scopePermissionToRoute: false }),
      ]),
    );

    for (const route of routes) {
      const integration = integrations.get(route.fn);
      if (!integration) throw new Error(`route ${routeKey(route)}: unknown function ${route.fn}`);
      const httpRoute = new HttpRoute(this, `Route-${route.operationId}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
        ...(route.auth === 'user' ? { authorizer } : {}),
      });
      if (route.auth === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(route)} is declared auth: 'public' in the route table (health, OpenAPI or published summaries); its handler serves anonymous callers only what is public.`,
        });
      }
    }
  }

  /** The invoke URL of the default stage. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
