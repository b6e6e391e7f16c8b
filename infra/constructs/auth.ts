/**
 * Sign-in: a Cognito user pool that issues the same claim shape the local dev sign-in does
 * (`custom:role`, `custom:state`, `name`; see `CLAIMS` in shared/auth/principal.ts), a group per
 * role, and one public app client for the web UI. Accounts are created by the secretariat
 * (no self sign-up), and the web client can read the role and State attributes but never write them.
 */
import { Aws, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLAIMS } from '#shared/auth/principal.ts';
import { ROLES } from '#shared/domain/types.ts';

/** `custom:role` → `role`: Cognito prefixes custom attributes itself. */
const customName = (claim: string): string => claim.replace(/^custom:/, '');

export interface AuthProps {
  /** Where the hosted sign-in sends people back (the web UI's address, `https://…/`). */
  redirectUri: string;
  /**
   * TOTP MFA: `required` for every account (the default: secretariat accounts must have it and
   * Cognito decides MFA per pool, not per group) or `optional` (available to all, required of none).
   */
  mfa?: 'required' | 'optional';
}

export class Auth extends Construct {
  public readonly userPool: UserPool;
  public readonly webClient: UserPoolClient;
  /** Issuer URL the HTTP API JWT authorizer and the functions (`JWT_ISSUER`) check. */
  public readonly issuer: string;
  /** The hosted sign-in domain, `https://{prefix}.auth.{region}.amazoncognito.com`. */
  public readonly domainUrl: string;
  public readonly scopes = ['openid', 'email', 'profile'] as const;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        [customName(CLAIMS.role)]: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        // ISO 3166-1 alpha-3; empty for the secretariat and observers.
        [customName(CLAIMS.state)]: new StringAttribute({ minLen: 0, maxLen: 3, mutable: true }),
        // The directory person an identity belongs to (set when activation creates it, docs/people.md).
        [customName(CLAIMS.person)]: new StringAttribute({ minLen: 0, maxLen: 128, mutable: true }),
      },
      mfa: props.mfa === 'optional' ? Mfa.OPTIONAL : Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Essentials tier: TOTP MFA is required for every account and there is no self sign-up, so the Plus tier threat protection (about 3x the per-user price) is a production cost decision, not a default.',
    });

    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `cop-review ${role}`,
      });
    }

    const readable = new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(customName(CLAIMS.role), customName(CLAIMS.state), customName(CLAIMS.person));
    // Users may change their display name, never their role or State.
    const writable = new ClientAttributes().withStandardAttributes({ fullname: true });

    this.webClient = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // Authorization code with PKCE only (a public client in a browser: no implicit grant).
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [props.redirectUri],
        logoutUrls: [props.redirectUri],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      readAttributes: readable,
      writeAttributes: writable,
      // The ID token carries the custom claims; keep it short-lived.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });

    // The hosted sign-in domain: a prefix unique per account (and region, in the URL).
    const domain = this.userPool.addDomain('Hosted', {
      cognitoDomain: { domainPrefix: Fn.join('-', ['cop-review', Aws.ACCOUNT_ID]) },
    });
    this.domainUrl = domain.baseUrl();

    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
