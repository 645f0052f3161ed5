/** Messages of batch runs: the CLI's `kp-brev batch` and the server's NDJSON batch both use them. As `batch.*`. */
import { prefixed } from '../area.js';

export const batchMessages = prefixed('batch', {
  'not-automatic': {
    da: 'Skabelonen {template} må ikke sendes automatisk og dannes derfor ikke i en kørsel.',
    en: 'The template {template} may not be sent automatically and is therefore not made in a batch.',
  },
  'bad-line': { da: 'Linje {line} er ikke en sag i JSON: {detail}', en: 'Line {line} is not a case in JSON: {detail}' },
  'line-too-long': {
    da: 'Linje {line} er længere end grænsen på {limit:byte|byte}; resten af kørslen er ikke læst, og forbindelsen lukkes.',
    en: 'Line {line} is longer than the limit of {limit:byte|bytes}; the rest of the batch was not read, and the connection is closed.',
  },
  'duplicate-id': {
    da: 'Sagen "{id}" (linje {line}) har samme id som linje {first}; brevet ville overskrive det første.',
    en: 'The case "{id}" (line {line}) has the same id as line {first}; its letter would overwrite the first.',
  },
  'bad-shard': { da: 'Ugyldig --shard "{shard}": skriv k/n med 1 ≤ k ≤ n, fx 3/8.', en: 'Invalid --shard "{shard}": write k/n with 1 ≤ k ≤ n, e.g. 3/8.' },
  'other-run': {
    da: 'Mappen {dir} indeholder en anden kørsel ({detail}); brug en tom mappe eller den samme skabelon, kommune, format og sagsfil.',
    en: 'The folder {dir} holds another run ({detail}); use an empty folder or the same template, municipality, format and cases file.',
  },
  'not-object': {
    da: 'Linje {line} er ikke en sag: en sag er et JSON-objekt på én linje.',
    en: 'Line {line} is not a case: a case is a JSON object on one line.',
  },
  'line-skipped': {
    da: 'Linje {line} er længere end grænsen på {limit:byte|byte} og er ikke læst; sagen dannes ikke. Resten af kørslen fortsætter.',
    en: 'Line {line} is longer than the limit of {limit:byte|bytes} and was not read; the case is not made. The rest of the batch goes on.',
  },
  'failed-earlier': {
    da: '{count:sag|sager} fejlede i en tidligere kørsel og er ikke dannet igen (de står i errors.ndjson); ret dem og kør igen med --retry-failed.',
    en: '{count:case|cases} failed in an earlier run and were not made again (they are in errors.ndjson); fix them and run again with --retry-failed.',
  },
  changed: {
    da: '{count:sag|sager} er ændret i sagsfilen, efter deres brev blev dannet; brevene er ikke dannet igen: {ids}',
    en: 'Cases changed in the cases file after their letter was made ({count}); the letters were not made again: {ids}',
  },
  'no-ledger': { da: 'Angiv ledgeren med --ledger postgres://… eller KP_BREV_LEDGER.', en: 'Give the ledger with --ledger postgres://… or KP_BREV_LEDGER.' },
  migrated: { da: 'Ledgeren er opdateret ({count} trin).', en: 'The ledger is up to date ({count} steps).' },
  enqueued: {
    da: '{added:sag|sager} lagt i kø, {already} fandtes allerede, {duplicates} med et id der allerede er brugt (ikke lagt i kø).',
    en: '{added:case|cases} enqueued, {already} were already there, {duplicates} with an id already used (not enqueued).',
  },
  worked: {
    da: '{made:brev|breve} lavet, {failed:fejl|fejl}, {fenced} afvist fordi reservationen var udløbet.',
    en: '{made:letter|letters} made, {failed} failed, {fenced} refused because the lease had run out.',
  },
  retried: {
    da: '{count:sag|sager}, der fejlede, er lagt i kø igen fra sagsfilen.',
    en: 'Queued again from the cases file: {count:case|cases} that had failed.',
  },
  updated: {
    da: '{count:sag|sager} i kø er erstattet af den rettede linje i sagsfilen.',
    en: 'Replaced by their corrected line in the cases file: {count:case|cases} waiting in the queue.',
  },
  'failed-earlier-ledger': {
    da: 'Ikke lagt i kø igen: {count:sag|sager}, der fejlede tidligere. Ret sagsfilen, og læg den i kø igen med --retry-failed.',
    en: 'Not queued again: {count:case|cases} that failed earlier. Fix the cases file and enqueue it again with --retry-failed.',
  },
  'folder-busy': {
    da: 'Mappen {dir} bruges af en anden kørsel ({who}; sidste livstegn for {seconds:sekund|sekunder} siden). Vent, til den er færdig, eller stop den. En kørsel på en anden maskine, der ikke har givet livstegn i {stale:sekund|sekunder}, regnes for stoppet; står {lock} tilbage efter en kørsel, der med sikkerhed er stoppet, kan filen slettes.',
    en: 'The folder {dir} is used by another run ({who}; last sign of life {seconds:second|seconds} ago). Wait until it is done, or stop it. A run on another machine without a sign of life for {stale:second|seconds} is taken as stopped; if {lock} is left after a run that has certainly stopped, the file may be deleted.',
  },
  'folder-taken': {
    da: 'En anden kørsel har overtaget mappen {dir}, mens denne kørsel stod stille; denne kørsel stopper uden at skrive mere. Den anden kørsel gør arbejdet færdigt.',
    en: 'Another run took the folder {dir} over while this run was standing still; this run stops without writing more. The other run finishes the work.',
  },
  abandoned: {
    da: '{count:midlertidig fil|midlertidige filer} efter afbrudte processer er fjernet fra mappen.',
    en: 'Removed from the folder: {count:temporary file|temporary files} left by interrupted processes.',
  },
  released: {
    da: 'Stoppet: {count:sag|sager} reserveret på forhånd er givet tilbage til kørslen og laves af de andre processer.',
    en: 'Stopped: {count:case|cases} claimed ahead given back to the run, for the other processes to make.',
  },
  'status-reason': { da: 'Fejl af typen {reason}: {count:sag|sager} ({ids})', en: 'Failures of the kind {reason}: {count:case|cases} ({ids})' },
  'status-row': {
    da: '{kommune} {template}: {done} lavet, {failed:fejl|fejl}, {left} tilbage',
    en: '{kommune} {template}: {done} made, {failed} failed, {left} left',
  },
  'ledger-failed': { da: 'PostgreSQL-ledgeren kan ikke bruges: {detail}', en: 'The PostgreSQL ledger cannot be used: {detail}' },
});
