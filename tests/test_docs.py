"""The documentation that is generated from code stays in step with it."""

from __future__ import annotations

import subprocess
import sys


def test_data_dictionary_is_up_to_date(repo_root):
    result = subprocess.run([sys.executable, "scripts/build_data_dictionary.py", "--check"],
                            cwd=repo_root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command(repo_root):
    readme = (repo_root / "README.md").read_text()
    ci = (repo_root / ".ci" / "run").read_text()
    assert "./dev.sh test" in readme
    assert "./dev.sh test" in ci
