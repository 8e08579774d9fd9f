"""Python side of runnable's python tasks: a long-lived worker driven by the Node orchestrator.

The worker imports task modules once and calls their functions many times, which is the point: a
fresh interpreter per task would pay the start-up and import cost on every step.

Protocol. Requests and replies are newline-delimited JSON on file descriptor 3, a socket Node opens
as an extra stdio slot, because stdout and stderr belong to the user's functions. The worker first
sends {"type": "ready"}. Each request carries a `marker` line; once a request is handled the worker
flushes and writes that marker to both stdout and stderr and only then sends the reply, so Node
knows every byte the call printed has arrived before it reports the result.

Only the standard library is required: `dill` is used when importable (else `pickle`), and pydantic
is only consulted when the user's code has imported it.
"""

import sys

if sys.version_info < (3, 8):
    sys.stderr.write("runnable needs Python 3.8 or later for python tasks, found %s\n" % sys.version.split()[0])
    sys.exit(3)

import argparse  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import traceback  # noqa: E402
import typing  # noqa: E402

CHANNEL_FD = 3
SHIM_FILE = os.path.abspath(__file__)
# Annotations that runnable casts the incoming value to (typing generics cast to their origin).
CASTABLE_TYPES = (int, float, str, dict, list)


class TaskError(Exception):
    """A failure whose message is already meant for the user (no traceback needed)."""


# --- serialisation of object parameters -------------------------------------------------------


def _serializer():
    # Imported on first use: dill is slow to import and most tasks never touch objects.
    try:
        import dill

        return dill
    except ImportError:
        import pickle

        return pickle


def load_object(name, object_paths):
    path = object_paths.get(name)
    if not path:
        raise TaskError("Object parameter '%s' has no pickle file to load it from" % name)
    with open(path, "rb") as handle:
        return _serializer().load(handle)


def dump_object(name, value, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, name + ".dill")
    # Written aside and renamed so a failing pickle never leaves a truncated file behind.
    partial = target + ".partial"
    try:
        with open(partial, "wb") as handle:
            _serializer().dump(value, handle)
        os.replace(partial, target)
    except Exception as error:
        if os.path.exists(partial):
            os.remove(partial)
        raise TaskError("Return '%s' of kind object could not be pickled: %s: %s" % (name, type(error).__name__, error))


# --- pydantic, only when the user's code uses it ------------------------------------------------


def _pydantic_base():
    # A function annotated with a pydantic model has imported pydantic already; never import it ourselves.
    module = sys.modules.get("pydantic")
    return getattr(module, "BaseModel", None) if module else None


def pydantic_model(annotation):
    base = _pydantic_base()
    if base is not None and isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    return None


def validate_model(model, value):
    """runnable validates into the model ignoring unknown keys, whatever the model's own `extra` says."""
    if hasattr(model, "model_fields"):  # pydantic 2
        fields = model.model_fields.values()
        known = set(model.model_fields)
        validate = model.model_validate
    else:  # pydantic 1
        fields = model.__fields__.values()
        known = set(model.__fields__)
        validate = model.parse_obj
    for field in fields:
        for alias in (getattr(field, "alias", None), getattr(field, "validation_alias", None)):
            if isinstance(alias, str):
                known.add(alias)
    return validate({key: item for key, item in value.items() if key in known})


def plain_value(value):
    """A returned pydantic model is stored as its JSON dump, as runnable does (`model_dump(by_alias=True)`)."""
    base = _pydantic_base()
    if base is not None and isinstance(value, base):
        if hasattr(value, "model_dump"):
            return value.model_dump(by_alias=True, mode="json")
        return json.loads(value.json(by_alias=True))
    return value


# --- binding parameters to the function's arguments ---------------------------------------------


def signature_of(func):
    # `from __future__ import annotations` turns annotations into strings: evaluate them when we can.
    if sys.version_info >= (3, 10):
        try:
            return inspect.signature(func, eval_str=True)
        except Exception:
            pass
    return inspect.signature(func)


def cast_target(annotation):
    if annotation in CASTABLE_TYPES:
        return annotation
    origin = typing.get_origin(annotation)
    return origin if origin in CASTABLE_TYPES else None


def parameter_value(name, parameter, object_paths):
    if parameter.get("kind") == "object":
        return load_object(name, object_paths)
    return parameter.get("value")


def bind_argument(name, annotation, parameter, object_paths):
    value = parameter_value(name, parameter, object_paths)
    model = pydantic_model(annotation)
    if model is not None:
        # An object parameter is already the model instance it was pickled as.
        if parameter.get("kind") == "object":
            return value
        return validate_model(model, value if isinstance(value, dict) else {name: value})
    target = cast_target(annotation)
    if target is None or type(value) is target:
        return value
    try:
        return target(value)
    except (TypeError, ValueError) as error:
        raise TaskError("Cannot cast parameter '%s' to %s: %s" % (name, target.__name__, error))


def bind_arguments(func, params, object_paths):
    """runnable's `filter_arguments_for_func`: match parameters to the signature by name."""
    positional = []
    keywords = {}
    var_keyword = None
    namespace = None
    consumed = set()
    for name, spec in signature_of(func).parameters.items():
        if spec.kind == inspect.Parameter.VAR_POSITIONAL:
            continue
        if spec.kind == inspect.Parameter.VAR_KEYWORD:
            var_keyword = name
            continue
        if spec.annotation is argparse.Namespace:
            namespace = name
            continue
        if name in params:
            value = bind_argument(name, spec.annotation, params[name], object_paths)
        elif spec.default is not inspect.Parameter.empty:
            value = spec.default
        else:
            raise TaskError(
                "Function %s has required parameter '%s' that is not present in the parameters"
                % (getattr(func, "__name__", func), name)
            )
        consumed.add(name)
        if spec.kind == inspect.Parameter.POSITIONAL_ONLY:
            positional.append(value)
        else:
            keywords[name] = value
    if var_keyword is not None or namespace is not None:
        # Only now are the leftover object parameters unpickled: nobody else asked for them.
        extras = {key: parameter_value(key, item, object_paths) for key, item in params.items() if key not in consumed}
        if var_keyword is not None:
            keywords.update(extras)
        else:
            keywords[namespace] = argparse.Namespace(**extras)
    return positional, keywords


# --- returns -------------------------------------------------------------------------------------


def json_checked(label, value):
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise TaskError("%s is not JSON-serialisable: %s" % (label, error))
    return value


def collect_outputs(result, returns, out_dir):
    if not returns:
        return {}
    values = result if isinstance(result, tuple) else (result,)
    if len(values) != len(returns):
        raise TaskError(
            "The function returned %d value(s) but %d are declared in returns (%s)"
            % (len(values), len(returns), ", ".join(spec["name"] for spec in returns))
        )
    outputs = {}
    for spec, value in zip(returns, values):
        name = spec["name"]
        kind = spec.get("kind") or "json"
        if kind == "object":
            dump_object(name, value, out_dir)
            outputs[name] = {"kind": "object", "value": name}
        else:
            value = json_checked("Return '%s' of kind %s" % (name, kind), plain_value(value))
            outputs[name] = {"kind": kind, "value": value}
    return outputs


# --- importing ------------------------------------------------------------------------------------


def import_callable(dotted):
    module_name, _, attribute = dotted.rpartition(".")
    if not module_name:
        raise TaskError("'%s' is not a dotted path to a function (expected module.function)" % dotted)
    try:
        module = importlib.import_module(module_name)
    except BaseException:  # a module calling sys.exit() at import time must not end the worker
        raise TaskError("Could not import module '%s' for %s:\n%s" % (module_name, dotted, user_traceback()))
    target = getattr(module, attribute, None)
    if not callable(target):
        raise TaskError("Module '%s' has no function '%s'" % (module_name, attribute))
    return target


def user_traceback():
    """The current exception's traceback without the shim's own frames."""
    kind, error, tb = sys.exc_info()
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) == SHIM_FILE:
        tb = tb.tb_next
    return "".join(traceback.format_exception(kind, error, tb))


# --- requests -------------------------------------------------------------------------------------


def handle_call(request):
    command = request["command"]
    params = dict(request.get("parameters") or {})
    for name, value in (request.get("iter_variables") or {}).items():
        params[name] = {"kind": "json", "value": value}
    object_paths = request.get("object_paths") or {}

    func = import_callable(command)
    positional, keywords = bind_arguments(func, params, object_paths)
    try:
        result = func(*positional, **keywords)
    except BaseException:
        # BaseException too: sys.exit() or Ctrl-C inside a task fails the task, not the worker.
        raise TaskError("Call to the function %s did not succeed.\n%s" % (command, user_traceback()))
    return {"outputs": collect_outputs(result, request.get("returns") or [], request.get("object_out_dir") or ".")}


def handle_reduce(request):
    reducer = request["reducer"].strip()
    try:
        func = eval(reducer, {}) if reducer.startswith("lambda") else import_callable(reducer)
    except TaskError:
        raise
    except BaseException:
        raise TaskError("Could not build the reducer %r:\n%s" % (reducer, user_traceback()))
    try:
        value = func(*request.get("values") or [])
    except BaseException:
        raise TaskError("The reducer %r failed:\n%s" % (reducer, user_traceback()))
    return {"value": json_checked("The result of the reducer %r" % reducer, plain_value(value))}


# --- notebooks -------------------------------------------------------------------------------------


def _notebook_module():
    # notebook.py lives beside this file (also in the bundle); loaded by path and only when a notebook runs.
    module = sys.modules.get("_runnable_notebook")
    if module is None:
        import importlib.util

        spec = importlib.util.spec_from_file_location("_runnable_notebook", os.path.join(os.path.dirname(SHIM_FILE), "notebook.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules["_runnable_notebook"] = module
        spec.loader.exec_module(module)
    return module


def handle_notebook(request):
    """Runs a notebook's code cells in order (runnable's ploomber-engine step) and writes the executed copy."""
    params = {name: item.get("value") for name, item in (request.get("parameters") or {}).items() if item.get("kind") != "object"}
    params.update(request.get("iter_variables") or {})
    namespace, error = _notebook_module().run_notebook(request["notebook"], request["out_path"], params, request.get("label"))
    if error is not None:
        raise TaskError(error)
    outputs = {}
    for spec in request.get("returns") or []:
        # A `${var}` return is recorded under its filled name; runnable reads it under the unfilled one.
        name = next((key for key in (spec["name"], spec.get("template")) if key in namespace), None)
        if name is None:
            raise TaskError("The notebook %s did not define '%s', a declared return" % (request.get("label") or request["notebook"], spec["name"]))
        outputs.update(collect_outputs(namespace[name], [spec], request.get("object_out_dir") or "."))
    return {"outputs": outputs}


HANDLERS = {"call": handle_call, "reduce": handle_reduce, "notebook": handle_notebook}


class CallScope:
    """Sets the call's environment and undoes what a call may leave behind for the next one."""

    def __init__(self, env):
        self.env = env
        self.saved_env = {}
        self.cwd = os.getcwd()

    def __enter__(self):
        self.saved_env = {key: os.environ.get(key) for key in self.env}
        os.environ.update(self.env)
        return self

    def __exit__(self, *_):
        for key, value in self.saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if os.getcwd() != self.cwd:
            os.chdir(self.cwd)
        return False


def handle(request):
    handler = HANDLERS.get(request.get("type"))
    if handler is None:
        return {"ok": False, "message": "Unknown request type %r" % request.get("type")}
    try:
        with CallScope(request.get("env") or {}):
            reply = handler(request)
        reply.update(ok=True, message="")
        return reply
    except TaskError as error:
        message = str(error)
    except BaseException:
        message = "Internal error in the runnable python worker:\n%s" % traceback.format_exc()
    # Also shown live, so the failure is in the step's output and not only in the run log.
    sys.stderr.write(message if message.endswith("\n") else message + "\n")
    return {"ok": False, "message": message}


def write_fully(fd, data):
    while data:
        data = data[os.write(fd, data):]


def mark_end_of_output(marker):
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    data = marker.encode("utf-8")
    for fd in (1, 2):
        try:
            write_fully(fd, data)
        except OSError:
            pass


def become_subreaper():
    """Processes a call starts and orphans (`sh -c "cmd &"`) are re-parented to the worker instead of init, so that
    Node finds every process a call left behind among the worker's descendants and stops it (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass


def reap_leftovers():
    """Collects the exit status of processes earlier calls left behind (stopped by Node): no zombies pile up."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main():
    become_subreaper()
    channel = socket.socket(fileno=CHANNEL_FD)
    # Subprocesses of user functions must not hold the channel open after the worker dies.
    channel.set_inheritable(False)
    reader = channel.makefile("rb")
    writer = channel.makefile("wb")

    def send(message):
        writer.write(json.dumps(message).encode("utf-8") + b"\n")
        writer.flush()

    # Task modules are imported relative to the working directory, not to where this file lives.
    here = os.path.dirname(SHIM_FILE)
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    sys.path.insert(0, os.getcwd())

    send({"type": "ready", "pid": os.getpid(), "python": sys.version.split()[0]})
    for line in reader:  # the loop ends when Node closes the channel
        request = json.loads(line)
        reap_leftovers()
        reply = handle(request)
        mark_end_of_output(request.get("marker", ""))
        reply.update(type="reply", id=request.get("id"))
        send(reply)


if __name__ == "__main__":
    main()
