"""Runs a Jupyter notebook's code cells in order for a runnable notebook task, inside the python worker.

runnable runs notebooks with ploomber-engine: parameters are injected in a new cell after the cell tagged
`parameters` (or first, when no cell is tagged), the code cells run in order in one namespace, and the
executed notebook (outputs, errors, execution counts) is saved. This does the same with no Jupyter
kernel, papermill or ploomber: cells run in an IPython shell when IPython is importable (so magics and
rich display work), else as plain Python, where a cell using a magic fails with a message saying to
install IPython. The caller reads the task's returns from the final namespace.

Differences from runnable: the first failing cell's traceback is returned as the error (runnable's
message is empty); the executed notebook is written on a failure too (not put in the catalog).
"""

import ast
import builtins
import json
import linecache
import os
import sys
import traceback

INJECTED_TAG = "injected-parameters"
_shell = None  # one IPython shell per worker, reset for every notebook


# --- reading and writing notebooks ------------------------------------------------------------------


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _tags(cell):
    return (cell.get("metadata") or {}).get("tags") or []


def load_notebook(path):
    try:
        with open(path, encoding="utf-8") as handle:
            notebook = json.load(handle)
    except FileNotFoundError:
        raise ValueError("The notebook %s does not exist (paths are relative to the working directory)" % path)
    except (OSError, ValueError) as error:
        raise ValueError("The notebook %s could not be read as JSON: %s" % (path, error))
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4 or not isinstance(notebook.get("cells"), list):
        raise ValueError("The notebook %s is not in nbformat 4 (convert it with `jupyter nbconvert --to notebook`)" % path)
    return notebook


def inject_parameters(notebook, params):
    """A cell assigning every parameter, after the `parameters`-tagged cell (or first), like papermill's."""
    if not params:
        return
    lines = ["# Parameters"] + ["%s = %r" % (name, value) for name, value in params.items() if name.isidentifier()]
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {"tags": [INJECTED_TAG]},
        "outputs": [],
        "source": "\n".join(lines) + "\n",
    }
    if notebook.get("nbformat_minor", 0) >= 5:
        cell["id"] = "runnable-injected-parameters"
    cells = notebook["cells"]
    tagged = [index for index, item in enumerate(cells) if "parameters" in _tags(item)]
    cells.insert(tagged[0] + 1 if tagged else 0, cell)


def write_notebook(notebook, path):
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    partial = path + ".partial"
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(notebook, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    os.replace(partial, path)


# --- capturing a cell's outputs ---------------------------------------------------------------------


class CellOutputs:
    """The outputs of the cell running now, in nbformat 4 shape; consecutive stream text is merged."""

    def __init__(self):
        self.items = []

    def stream(self, name, text):
        if not text:
            return
        last = self.items[-1] if self.items else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def display(self, data, metadata=None):
        self.items.append({"output_type": "display_data", "data": data, "metadata": metadata or {}})

    def result(self, count, data, metadata=None):
        self.items.append({"output_type": "execute_result", "execution_count": count, "data": data, "metadata": metadata or {}})

    def error(self, ename, evalue, lines):
        self.items.append({"output_type": "error", "ename": ename, "evalue": evalue, "traceback": lines})


class Tee:
    """Stands in for sys.stdout/sys.stderr during a cell: the step's live output and the cell's outputs."""

    def __init__(self, name, original, outputs):
        self.name = name
        self.original = original
        self.outputs = outputs

    def write(self, text):
        self.outputs.stream(self.name, text)
        return self.original.write(text)

    def flush(self):
        self.original.flush()

    def isatty(self):
        return False

    def __getattr__(self, attribute):
        return getattr(self.original, attribute)


# --- the two ways to run cells -----------------------------------------------------------------------


class IPythonCells:
    """Cells in an IPython shell: magics, shell escapes and rich display work."""

    def __init__(self):
        global _shell
        if _shell is None:
            from IPython.core.interactiveshell import InteractiveShell
            from traitlets.config import Config

            config = Config()
            config.HistoryManager.hist_file = ":memory:"
            _shell = InteractiveShell.instance(config=config, colors="NoColor")
        _shell.reset(new_session=True)
        self.shell = _shell
        self.outputs = None
        self.failure = None
        self.shell._showtraceback = self._record_error
        self.shell.displayhook.write_output_prompt = lambda: None
        self.shell.displayhook.write_format_data = lambda *args, **kwargs: None
        self.shell.display_pub.publish = lambda data, metadata=None, **kwargs: self.outputs.display(data, metadata)

    @property
    def namespace(self):
        return self.shell.user_ns

    def _record_error(self, etype, evalue, stb):
        self.failure = (getattr(etype, "__name__", str(etype)), str(evalue), list(stb))

    def run(self, source, count, outputs):
        self.outputs = outputs
        self.failure = None
        result = self.shell.run_cell(source, store_history=True)
        if result.result is not None and self.failure is None:
            data, metadata = self.shell.display_formatter.format(result.result)
            outputs.result(count, data, metadata)
        if result.success:
            return None
        ename, evalue, lines = self.failure or _describe(result.error_in_exec or result.error_before_exec)
        outputs.error(ename, evalue, lines)
        return "\n".join(lines) or "%s: %s" % (ename, evalue)


def _describe(error):
    return type(error).__name__, str(error), ["%s: %s" % (type(error).__name__, error)]


class PlainCells:
    """Cells as plain Python, for an interpreter without IPython; a cell's last expression is its result."""

    def __init__(self):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}

    def run(self, source, count, outputs):
        filename = "<cell %d>" % count
        # so that tracebacks show the cell's lines, as IPython's do
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            tree = ast.parse(source, filename)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, filename, "exec"), self.namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), filename, "eval"), self.namespace)
                if value is not None:
                    outputs.result(count, {"text/plain": repr(value)})
            return None
        except BaseException as error:  # sys.exit() in a cell fails the cell, not the worker
            lines = self._traceback_lines(error)
            magic = _magic_line(source) if isinstance(error, SyntaxError) else None
            if magic is not None:
                lines.append(
                    "Cell %d uses the IPython syntax `%s`, which plain Python cannot run: "
                    "install IPython in the interpreter that runs python tasks (pip install ipython)" % (count, magic)
                )
            outputs.error(type(error).__name__, str(error), lines)
            return "\n".join(lines)

    @staticmethod
    def _traceback_lines(error):
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next
        return "".join(traceback.format_exception(type(error), error, tb)).rstrip("\n").split("\n")


def _magic_line(source):
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(("%", "!")) or stripped.endswith("?"):
            return stripped
    return None


def _cell_runner():
    try:
        import IPython  # noqa: F401
    except ImportError:
        return PlainCells()
    return IPythonCells()


# --- a whole notebook -----------------------------------------------------------------------------------


def run_notebook(path, out_path, params, label=None):
    """Runs every code cell of `path` with `params` injected; writes the executed notebook to `out_path`.

    Returns (namespace, error): error is None, or the failing cell's traceback as text.
    """
    label = label or path
    try:
        notebook = load_notebook(path)
    except ValueError as error:
        return {}, str(error)
    inject_parameters(notebook, params)
    runner = _cell_runner()
    count = 0
    error = None
    saved = sys.stdout, sys.stderr
    try:
        for index, cell in enumerate(notebook["cells"]):
            if cell.get("cell_type") != "code":
                continue
            cell["outputs"] = []
            cell["execution_count"] = None
            if error is not None:
                continue  # cells after a failure are left unexecuted, as Jupyter leaves them
            count += 1
            outputs = CellOutputs()
            sys.stdout, sys.stderr = Tee("stdout", saved[0], outputs), Tee("stderr", saved[1], outputs)
            try:
                failure = runner.run(_source(cell), count, outputs)
            finally:
                sys.stdout, sys.stderr = saved
            cell["execution_count"] = count
            cell["outputs"] = outputs.items
            if failure is not None:
                error = "The notebook %s failed in cell %d (code cell %d):\n%s" % (label, index + 1, count, failure)
    finally:
        sys.stdout, sys.stderr = saved
        write_notebook(notebook, out_path)
    return runner.namespace, error
