/**
 * What `tp-doctor --online` learned from the registry, as plain data. The CLI fetches it before
 * the (synchronous) lint and hands it to the rules through the rule context; offline it is absent.
 * No credential ever enters these values: only whether one was used and where it came from.
 */
import type { PublisherAction } from './publishers.js';

/** A trusted-publisher record as `GET /-/package/<name>/trust` returns it, with the claims read out. */
export type RegisteredPublisher =
  | {
      type: 'github';
      id?: string;
      /** `claims.repository`: `owner/repo`. */
      repository?: string;
      /** `claims.workflow_ref.file`: the workflow file name. */
      file?: string;
      environment?: string;
      /** What the record allows; a record without `permissions` allows publish only. */
      actions: PublisherAction[];
      /** False when the record has no `permissions` field (created before allowed actions existed). */
      permissionsListed: boolean;
    }
  | {
      type: 'gitlab';
      id?: string;
      /** `claims.project_path`: `group[/sub]/project`. */
      project?: string;
      /** `claims.ci_config_ref_uri.file`: the top-level CI file. */
      file?: string;
      environment?: string;
      actions: PublisherAction[];
      permissionsListed: boolean;
    }
  | {
      type: 'circleci';
      id?: string;
      organizationId?: string;
      projectId?: string;
      pipelineDefinitionId?: string;
      vcsOrigin?: string;
      contextIds?: string[];
      actions: PublisherAction[];
      permissionsListed: boolean;
    }
  | {
      /** A provider tp-doctor does not know yet. */
      type: 'other';
      id?: string;
      name: string;
      actions: PublisherAction[];
      permissionsListed: boolean;
    };

/** Why a registry answer is missing. */
export type UnavailableReason =
  /** No credentials for the registry: the trust list needs them. */
  | 'no-credentials'
  /** The configured token refers to `${VAR}` that is not set. */
  | 'unresolved-credentials'
  /** 401: credentials refused (expired, revoked, wrong registry). */
  | 'unauthorized'
  /** 401 asking for a one-time password. */
  | 'otp-required'
  /** 403: the account may not see the package's settings. */
  | 'forbidden'
  /** 404 on the trust list of a package that exists. */
  | 'not-found'
  /** 429 after the retries. */
  | 'rate-limited'
  /** 5xx after the retries. */
  | 'server-error'
  /** Another unexpected HTTP status. */
  | 'http-error'
  /** No answer within the time limit (after the retries). */
  | 'timeout'
  /** Connection refused, DNS failure, reset (after the retries). */
  | 'network'
  /** The answer is not the JSON shape the endpoint documents. */
  | 'malformed';

export interface Unavailable {
  reason: UnavailableReason;
  /** One line for people: status, what was tried. Never holds a credential. */
  detail: string;
}

export interface PackageRegistration {
  name: string;
  /**
   * From the packument: `yes`, `no` (404), or `unknown` (the request failed; see
   * `existenceProblem`). A 404 read without credentials may also be a private scoped package.
   */
  exists: 'yes' | 'no' | 'unknown';
  existenceProblem?: Unavailable;
  /** The registered trusted publishers, or why they could not be read. */
  trust: { ok: true; publishers: RegisteredPublisher[] } | ({ ok: false } & Unavailable);
}

export interface RegistryFacts {
  /** The registry URL, for messages (never with credentials). */
  registry: string;
  /** Whether a credential was sent, and the file or variable it came from (never its value). */
  credentials?: { source: string };
  packages: PackageRegistration[];
}
