/*
 * The --json contract: what `data` holds in the envelope of each command, by the name the envelope's
 * `command` carries. Scripts may rely on these types; a change to one is a change of ccm's interface.
 */
import type { AdoptData } from './commands/adopt.js';
import type { BuildData } from './commands/build.js';
import type { DiffData } from './commands/diff.js';
import type { DoctorData } from './commands/doctor.js';
import type { ExecData } from './commands/exec.js';
import type { ExplainData } from './commands/explain.js';
import type { HooksInstallData, HooksRunData, HooksUninstallData } from './commands/hooks.js';
import type { ImportData } from './commands/import.js';
import type { InitData } from './commands/init.js';
import type { LsData } from './commands/ls.js';
import type {
  SecretsEditData,
  SecretsKeygenData,
  SecretsListData,
  SecretsRmData,
  SecretsRotateData,
  SecretsSetData,
} from './commands/secrets.js';
import type { StatusData } from './commands/status.js';
import type { UiData } from './commands/ui.js';
import type { ValidateData } from './commands/validate.js';
import type { Envelope } from './output.js';

export type { Envelope } from './output.js';
export type {
  AdoptData, BuildData, DiffData, DoctorData, ExecData, ExplainData, HooksInstallData, HooksRunData, HooksUninstallData, ImportData, InitData, LsData,
  SecretsEditData, SecretsKeygenData, SecretsListData, SecretsRmData, SecretsRotateData, SecretsSetData, StatusData, UiData, ValidateData,
};

/**
 * `data` by command. `ccm watch --json` prints no envelope but one JSON line per event
 * (`WatchEvent` in src/watch/session.ts); `ccm secrets get` refuses --json.
 */
export interface JsonData {
  init: InitData;
  validate: ValidateData;
  build: BuildData;
  adopt: AdoptData;
  diff: DiffData;
  status: StatusData;
  'hooks install': HooksInstallData;
  'hooks uninstall': HooksUninstallData;
  'hooks run': HooksRunData;
  explain: ExplainData;
  ls: LsData;
  doctor: DoctorData;
  'secrets keygen': SecretsKeygenData;
  'secrets set': SecretsSetData;
  'secrets list': SecretsListData;
  'secrets rm': SecretsRmData;
  'secrets rotate': SecretsRotateData;
  'secrets edit': SecretsEditData;
  exec: ExecData;
  import: ImportData;
}

/** The envelope of one command: `CommandEnvelope<'build'>`. */
export type CommandEnvelope<C extends keyof JsonData> = Envelope<JsonData[C]> & { command: C };
