"""The npm mailpit-api client (2.1.0), driven from Python tests through
mailpit_call.mjs: one method call per Node process, its result as JSON."""

import json
import os
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def mailpit(base_url, method, *args, user=None, password=None):
    """Calls MailpitClient(base_url)[method](*args); returns (ok, value-or-error-text)."""
    env = dict(os.environ)
    if user is not None:
        env["MAILPIT_USER"], env["MAILPIT_PASSWORD"] = user, password or ""
    result = subprocess.run(["node", str(HERE / "mailpit_call.mjs"), base_url, method,
                             *[json.dumps(a) for a in args]],
                            capture_output=True, timeout=60, cwd=HERE, env=env)
    if result.returncode != 0:
        raise AssertionError(f"mailpit_call.mjs exited {result.returncode}: {result.stderr!r}")
    outcome = json.loads(result.stdout)
    return outcome["ok"], outcome.get("value", outcome.get("error"))
