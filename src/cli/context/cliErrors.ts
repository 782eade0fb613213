import { BaseError } from '../../protocol/errors/BaseError.ts'

// Errors the `decai` command raises itself (docs/errors.md, CLI). Each says what went wrong and, in its
// hints, what to do next; component errors (CHAIN_…, GATEWAY_…) pass through unchanged.

/** An option or argument has a value the command cannot use. */
export class CliInvalidArgumentError extends BaseError {
  constructor({ option, reason, hint }: { option: string; reason: string; hint?: string }) {
    super(`Invalid ${option}: ${reason}.`, {
      code: 'CLI_INVALID_ARGUMENT',
      name: 'CliInvalidArgumentError',
      fault: 'client',
      metaMessages: hint ? [hint] : undefined,
    })
  }
}

/** A command that sends transactions was given no key to sign them with. */
export class CliNoSignerError extends BaseError {
  constructor({ command }: { command: string }) {
    super(`${command} signs with a key, and none was given.`, {
      code: 'CLI_NO_SIGNER',
      name: 'CliNoSignerError',
      fault: 'client',
      metaMessages: [
        'Pass --key <name> (a keystore entry, see `decai keys list`),',
        '--private-key-env <VAR> (a variable holding the key), or --as <role> on a local devnet.',
      ],
    })
  }
}

/** A named key is not in the keystore directory. */
export class CliKeyNotFoundError extends BaseError {
  constructor({ name, dir }: { name: string; dir: string }) {
    super(`No key named ${name} in ${dir}.`, {
      code: 'CLI_KEY_NOT_FOUND',
      name: 'CliKeyNotFoundError',
      fault: 'client',
      metaMessages: ['List keys with `decai keys list`; create one with `decai keys create --name <name>`.'],
    })
  }
}

/** `keys create` or `keys import` was asked for a name that is already taken. */
export class CliKeyExistsError extends BaseError {
  constructor({ name, dir }: { name: string; dir: string }) {
    super(`A key named ${name} already exists in ${dir}.`, {
      code: 'CLI_KEY_EXISTS',
      name: 'CliKeyExistsError',
      fault: 'client',
      metaMessages: ['Pick another --name; keys are never overwritten.'],
    })
  }
}

/** A keystore password is needed but neither the environment nor a terminal can give it. */
export class CliPasswordRequiredError extends BaseError {
  constructor({ variable }: { variable: string }) {
    super(`A keystore password is needed and ${variable} is not set.`, {
      code: 'CLI_PASSWORD_REQUIRED',
      name: 'CliPasswordRequiredError',
      fault: 'client',
      metaMessages: [`Set ${variable}, choose another variable with --password-env, or run in a terminal.`],
    })
  }
}

/**
 * A command needs a local devnet's files and none are there. `needs` names what the command takes instead
 * on another chain (besides --rpc-url and --manifest), e.g. `--application and --service`.
 */
export class CliDevnetNotFoundError extends BaseError {
  constructor({ dir, missing, needs }: { dir: string; missing: string; needs?: string }) {
    super(`No devnet ${missing} in ${dir}.`, {
      code: 'CLI_DEVNET_NOT_FOUND',
      name: 'CliDevnetNotFoundError',
      fault: 'client',
      metaMessages: [
        'Start one with `npm start` (or `decai devnet --data-dir <dir>`),',
        needs
          ? `or pass ${needs}, with --rpc-url and --manifest, for another chain.`
          : 'or pass --rpc-url and --manifest for another chain.',
      ],
    })
  }
}

/** Another devnet process holds the data directory. */
export class CliDevnetLockedError extends BaseError {
  constructor({ dir, pid }: { dir: string; pid: number }) {
    super(`The devnet in ${dir} is already running (process ${pid}).`, {
      code: 'CLI_DEVNET_LOCKED',
      name: 'CliDevnetLockedError',
      fault: 'client',
      metaMessages: ['Stop it first (Ctrl-C in its terminal), or use another --data-dir.'],
    })
  }
}

/** A devnet step or one of its processes failed; the message names it and where its log is. */
export class CliDevnetFailedError extends BaseError {
  constructor({ step, hint, cause }: { step: string; hint?: string; cause?: unknown }) {
    super(`The devnet failed to ${step}.`, {
      code: 'CLI_DEVNET_FAILED',
      name: 'CliDevnetFailedError',
      fault: 'internal',
      metaMessages: hint ? [hint] : undefined,
      details:
        cause instanceof BaseError ? cause.message : cause instanceof Error ? cause.message : undefined,
      cause,
    })
  }
}

/** A port the devnet was told to use is taken. */
export class CliPortInUseError extends BaseError {
  constructor({ port, role, option }: { port: number; role: string; option: string }) {
    super(`Port ${port} (${role}) is already in use.`, {
      code: 'CLI_PORT_IN_USE',
      name: 'CliPortInUseError',
      fault: 'client',
      metaMessages: [`Stop what listens there, or pick another port with ${option}.`],
    })
  }
}

/** `decai relay send` got an error answer or an invalid response from the relayminer. */
export class CliRelayFailedError extends BaseError {
  constructor({ reason, details }: { reason: string; details?: string }) {
    super(`The relay failed: ${reason}.`, {
      code: 'CLI_RELAY_FAILED',
      name: 'CliRelayFailedError',
      fault: 'unknown',
      details,
    })
  }
}
