// What a step says to the runner: workflow commands on its output lines (`::add-mask::`, `::stop-commands::`,
// `::error file=...::`, `::group::`, the deprecated `::set-output` / `::save-state`, and `::set-env` /
// `::add-path`, which GitHub disables unless ACTIONS_ALLOW_UNSECURE_COMMANDS=true), and the file commands
// (`$GITHUB_OUTPUT`, `$GITHUB_ENV`, `$GITHUB_STATE` in `name=value` or `name<<DELIMITER` heredoc form, and
// `$GITHUB_PATH` one folder a line). Masks are applied to every log line, as the runner does.

/** An `::error::`, `::warning::` or `::notice::` (or a runner-made one), with its properties. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

/** What the output lines of one step asked for, and its log with masks and groups applied. */
export interface CommandEffects {
  annotations: Annotation[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  log: string[];
}

const unescapeData = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

/** Secret values to hide from logs: each value and, for multi-line values, each of its lines. */
export class Masker {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (!value) return;
    for (const v of [value, ...value.split(/\r?\n/)]) if (v.trim()) this.values.add(v);
  }

  mask(text: string): string {
    let out = text;
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(v).join('***');
    return out;
  }
}

/**
 * Reads one step's output lines as the runner does, line by line, keeping the state (a stop-commands token)
 * across calls. `allowUnsecure` is ACTIONS_ALLOW_UNSECURE_COMMANDS for set-env / add-path.
 */
export class CommandProcessor {
  readonly effects: CommandEffects = { annotations: [], outputs: {}, state: {}, env: {}, path: [], log: [] };
  private stopToken: string | undefined;

  constructor(
    private readonly masker: Masker,
    private readonly allowUnsecure = false,
  ) {}

  /** One line of the step's stdout or stderr (without its newline). */
  line(raw: string): void {
    const text = raw.replace(/\r$/, '');
    const m = /^::([A-Za-z-]+)(?: (.*?))?::(.*)$/.exec(text.trimStart());
    if (this.stopToken !== undefined) {
      if (text.trim() === `::${this.stopToken}::`) this.stopToken = undefined;
      else this.effects.log.push(this.masker.mask(text));
      return;
    }
    if (!m) {
      this.effects.log.push(this.masker.mask(text));
      return;
    }
    this.command(m[1], this.properties(m[2] ?? ''), unescapeData(m[3]), text);
  }

  private properties(text: string): Record<string, string> {
    const props: Record<string, string> = {};
    for (const part of text.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) props[part.slice(0, eq).trim()] = unescapeProperty(part.slice(eq + 1));
    }
    return props;
  }

  private command(name: string, props: Record<string, string>, data: string, text: string): void {
    const e = this.effects;
    switch (name) {
      case 'add-mask':
        this.masker.add(data);
        e.log.push('::add-mask::***');
        return;
      case 'stop-commands':
        if (!data) {
          e.log.push(this.masker.mask(text));
          return;
        }
        this.stopToken = data;
        return;
      case 'set-output':
        if (props.name) e.outputs[props.name] = data;
        e.annotations.push({ level: 'warning', message: 'The `set-output` command is deprecated (use $GITHUB_OUTPUT)' });
        return;
      case 'save-state':
        if (props.name) e.state[props.name] = data;
        return;
      case 'set-env':
      case 'add-path':
        if (!this.allowUnsecure) {
          e.annotations.push({
            level: 'error',
            message: `The \`${name}\` command is disabled (use $GITHUB_${name === 'set-env' ? 'ENV' : 'PATH'})`,
          });
          e.log.push(`##[error]The \`${name}\` command is disabled`);
          return;
        }
        if (name === 'set-env' && props.name) e.env[props.name] = data;
        if (name === 'add-path') e.path.push(data);
        return;
      case 'error':
      case 'warning':
      case 'notice':
        e.annotations.push(this.annotation(name, props, this.masker.mask(data)));
        e.log.push(`##[${name}]${this.masker.mask(data)}`);
        return;
      case 'debug':
        e.log.push(`##[debug]${this.masker.mask(data)}`);
        return;
      case 'group':
        e.log.push(`##[group]${this.masker.mask(data)}`);
        return;
      case 'endgroup':
        e.log.push('##[endgroup]');
        return;
      case 'echo':
      case 'add-matcher':
      case 'remove-matcher':
        return;
      default:
        // not a command the runner knows: the line is printed as it is
        e.log.push(this.masker.mask(text));
    }
  }

  private annotation(level: Annotation['level'], props: Record<string, string>, message: string): Annotation {
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    const a: Annotation = { level, message };
    if (props.file) a.file = props.file;
    if (props.line) a.line = num(props.line);
    if (props.endLine) a.endLine = num(props.endLine);
    if (props.col) a.col = num(props.col);
    if (props.endColumn) a.endColumn = num(props.endColumn);
    if (props.title) a.title = props.title;
    return a;
  }
}

/**
 * The `name=value` / `name<<DELIMITER` file format of $GITHUB_OUTPUT, $GITHUB_ENV and $GITHUB_STATE. Throws on
 * a line that is neither, or a heredoc without its closing delimiter, as the runner fails the step.
 */
export function parseKeyValueFile(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i]);
      }
      if (!closed) throw new Error(`${what}: matching delimiter not found '${delimiter}'`);
      out[name] = body.join('\n');
    } else if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    else throw new Error(`${what}: invalid format '${line}'`);
  }
  return out;
}
